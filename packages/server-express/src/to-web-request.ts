import type { IncomingMessage } from 'node:http';

export interface ToWebRequestOptions {
  /** Fires when the client goes away; becomes `request.signal`. */
  signal?: AbortSignal;
  /** Path and query as the handler should see them. Default `incoming.url` (Express: already relative to the mount). */
  url?: string;
  /** `http` or `https`. Default: `https` on a TLS socket, else `http`. */
  protocol?: string;
  /**
   * Called when the handler stops reading the body part-way (a body over the size limit). The
   * rest is left unread, so the connection should close after the response.
   */
  onBodyAbandoned?: () => void;
}

const BODYLESS = new Set(['GET', 'HEAD']);

/**
 * A web `Request` for a Node request. The body is streamed lazily from the socket (nothing is
 * read until the handler reads it). When a body parser already consumed the stream and left
 * `incoming.body`, that value is sent instead: a Buffer or string as is, anything else as JSON.
 *
 * @example
 * const controller = new AbortController();
 * const request = toWebRequest(incoming, { signal: controller.signal });
 */
export function toWebRequest(incoming: IncomingMessage, options: ToWebRequestOptions = {}): Request {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] as string;
    if (name.charCodeAt(0) !== 58 /* ':' HTTP/2 pseudo-header */) headers.append(name, raw[index + 1] as string);
  }
  const protocol = options.protocol ?? ((incoming.socket as { encrypted?: boolean } | null)?.encrypted ? 'https' : 'http');
  const path = options.url ?? incoming.url ?? '/';
  const url = new URL(path.startsWith('/') ? path : `/${path}`, `${protocol}://${hostOf(headers)}`);
  const method = incoming.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, ...(options.signal ? { signal: options.signal } : {}) };
  if (!BODYLESS.has(method)) {
    const parsed = (incoming as { body?: unknown }).body;
    if (parsed !== undefined && incoming.readableEnded) {
      init.body = reserialised(parsed, headers);
    } else {
      init.body = lazyBody(incoming, options.onBodyAbandoned);
      init.duplex = 'half';
    }
  }
  return new Request(url, init);
}

function hostOf(headers: Headers): string {
  const host = headers.get('host') ?? '';
  return /^[\w.:[\]-]+$/.test(host) ? host : 'localhost';
}

/** The body a parser left on the request, as bytes again; headers describing the old bytes are dropped. */
function reserialised(parsed: unknown, headers: Headers): string | Uint8Array<ArrayBuffer> {
  headers.delete('content-length');
  headers.delete('content-encoding');
  headers.delete('transfer-encoding');
  if (typeof parsed === 'string') return parsed;
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed);
  headers.set('content-type', 'application/json');
  return JSON.stringify(parsed);
}

/**
 * The request stream as a web stream that reads only when pulled, so a handler that never reads
 * the body (a 404, a 413 from content-length) leaves it to Node to discard. Cancelling stops
 * reading without destroying the socket, so the response can still be written.
 */
function lazyBody(incoming: IncomingMessage, onAbandoned: (() => void) | undefined): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Buffer> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= (incoming[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel() {
        incoming.pause();
        if (!incoming.readableEnded) onAbandoned?.();
      },
    },
    { highWaterMark: 0 },
  );
}
