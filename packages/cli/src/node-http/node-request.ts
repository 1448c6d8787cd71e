import type { IncomingMessage } from 'node:http';

/** Host header values we put into a URL as they are; anything else is served as `localhost`. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Request bodies buffered ahead of the reader before the socket is paused. */
const BODY_HIGH_WATER_MARK = 64 * 1024;

/** What `NodeRequest` serves itself; anything else of `Request` is delegated to a real one. */
const OWN = new Set(['constructor', 'method', 'url', 'headers', 'signal', 'body', 'bodyUsed', 'arrayBuffer', 'bytes', 'text', 'json', 'toRequest', 'readAll', 'hasBody']);

/**
 * A `Request` (it passes `instanceof Request`) over a Node request, built without undici's
 * `Request` constructor, whose validation, body wrapping and signal following cost more per
 * request than a fast handler's own work: method, URL, headers and `signal` are read directly;
 * `arrayBuffer()`, `bytes()`, `text()` and `json()` read the socket into one buffer; `body` is a
 * `ReadableStream` created on first use that pauses the socket while its reader is behind. Any
 * other `Request` member (`clone()`, `formData()`, `cache`, …) is served by a real `Request`,
 * created on first use from the same body.
 */
export class NodeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  private stream: ReadableStream<Uint8Array> | null | undefined;
  private consumed = false;
  private real: Request | undefined;

  constructor(
    private readonly incoming: IncomingMessage,
    signal: AbortSignal,
  ) {
    const host = incoming.headers.host !== undefined && SAFE_HOST.test(incoming.headers.host) ? incoming.headers.host : 'localhost';
    this.url = `http://${host}${incoming.url?.startsWith('/') ? incoming.url : '/'}`;
    this.method = incoming.method ?? 'GET';
    this.signal = signal;
    const headers = new Headers();
    const raw = incoming.rawHeaders;
    for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index] as string, raw[index + 1] as string);
    this.headers = headers;
  }

  private get hasBody(): boolean {
    return this.method !== 'GET' && this.method !== 'HEAD';
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.stream === undefined) {
      this.stream = this.hasBody && !this.consumed ? bodyStream(this.incoming) : null;
      this.consumed = true;
    }
    return this.stream;
  }

  get bodyUsed(): boolean {
    return this.consumed && (this.stream === undefined || this.stream === null || this.stream.locked);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.readAll();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.readAll());
  }

  async text(): Promise<string> {
    return (await this.readAll()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  /** The real `Request`, for members this class does not serve itself. */
  toRequest(): Request {
    if (!this.real) {
      const body = this.hasBody ? this.body : null;
      const init: RequestInit & { duplex?: 'half' } = { method: this.method, headers: this.headers, signal: this.signal, body, ...(body ? { duplex: 'half' as const } : {}) };
      this.real = new Request(this.url, init);
    }
    return this.real;
  }

  private async readAll(): Promise<Buffer> {
    if (this.stream) {
      if (this.stream.locked) throw new TypeError('Body is unusable: the request body was already read');
      return Buffer.from(await new Response(this.stream).arrayBuffer());
    }
    if (this.consumed) throw new TypeError('Body is unusable: the request body was already read');
    this.consumed = true;
    if (!this.hasBody) return Buffer.alloc(0);
    const incoming = this.incoming;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
      incoming.once('error', reject);
    });
  }
}

for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (OWN.has(name)) continue;
  const descriptor = Object.getOwnPropertyDescriptor(Request.prototype, name);
  if (!descriptor) continue;
  if (typeof descriptor.value === 'function') {
    Object.defineProperty(NodeRequest.prototype, name, {
      value(this: NodeRequest, ...args: unknown[]) {
        return (this.toRequest() as unknown as Record<string, (...inner: unknown[]) => unknown>)[name]?.(...args);
      },
    });
  } else if (descriptor.get) {
    Object.defineProperty(NodeRequest.prototype, name, {
      get(this: NodeRequest) {
        return (this.toRequest() as unknown as Record<string, unknown>)[name];
      },
    });
  }
}
Object.setPrototypeOf(NodeRequest.prototype, Request.prototype);

function bodyStream(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        incoming.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
        });
        incoming.once('end', () => controller.close());
        incoming.once('error', (error) => controller.error(error));
      },
      pull() {
        incoming.resume();
      },
      cancel() {
        // The handler stopped reading (body too large, bad JSON): discard the rest of the upload.
        incoming.removeAllListeners('data');
        incoming.resume();
      },
    },
    { highWaterMark: BODY_HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  );
}

/**
 * A web-standard `Request` for a Node request (see `NodeRequest`): `signal` aborts when the
 * client goes away.
 */
export function toWebRequest(incoming: IncomingMessage, signal: AbortSignal): Request {
  return new NodeRequest(incoming, signal) as unknown as Request;
}
