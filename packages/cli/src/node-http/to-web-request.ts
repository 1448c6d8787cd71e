import type { IncomingMessage } from 'node:http';

/** Host header values we put into a URL as they are; anything else is served as `localhost`. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Request bodies buffered ahead of the reader before the socket is paused. */
const BODY_HIGH_WATER_MARK = 64 * 1024;

/**
 * A web-standard `Request` for a Node request: method, URL (from the Host header), headers, the
 * body as a stream that pauses the socket while the reader is behind (so a large body is never
 * buffered whole here; the handler enforces its own size limit), and `signal`, which aborts when
 * the client goes away.
 */
export function toWebRequest(incoming: IncomingMessage, signal: AbortSignal): Request {
  const host = incoming.headers.host !== undefined && SAFE_HOST.test(incoming.headers.host) ? incoming.headers.host : 'localhost';
  const url = `http://${host}${incoming.url?.startsWith('/') ? incoming.url : '/'}`;
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index] as string, raw[index + 1] as string);
  const method = incoming.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = bodyStream(incoming);
    init.duplex = 'half';
  }
  return new Request(url, init);
}

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
