import type { ServerResponse } from 'node:http';
import { RESPONSE_TEXT } from '@refract/core';

/**
 * Writes a web `Response` to a Node response. Event streams are written chunk by chunk, headers
 * first, waiting for the socket to drain when its buffer is full (backpressure reaches the
 * upstream through the reader); when the client goes away the body is cancelled, which closes
 * the upstream call. Other bodies are read whole and sent with a `content-length`.
 */
export async function writeWebResponse(webResponse: Response, response: ServerResponse): Promise<void> {
  const headers = headersOf(webResponse);
  const body = webResponse.body;
  if (body === null) {
    response.writeHead(webResponse.status, headers).end();
    return;
  }
  const streaming = (webResponse.headers.get('content-type') ?? '').startsWith('text/event-stream');
  if (!streaming) {
    // `jsonResponse` of the core keeps its text: sending it skips reading the body stream back.
    const kept = (webResponse as unknown as Record<symbol, unknown>)[RESPONSE_TEXT];
    const bytes = typeof kept === 'string' && !webResponse.bodyUsed ? Buffer.from(kept) : Buffer.from(await webResponse.arrayBuffer());
    if (response.destroyed) return;
    headers['content-length'] = String(bytes.byteLength);
    response.writeHead(webResponse.status, headers).end(bytes);
    return;
  }
  response.writeHead(webResponse.status, headers);
  response.flushHeaders();
  const reader = body.getReader();
  const cancel = (): void => void reader.cancel().catch(() => undefined);
  response.once('close', cancel);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (response.destroyed) return;
      if (!response.write(value)) await drained(response);
    }
    response.end();
  } catch {
    // A body that fails after the headers went out cannot become an error status: cut the connection.
    response.destroy();
  } finally {
    response.off('close', cancel);
  }
}

/** Resolves when the socket takes more data, or the client is gone. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

function headersOf(webResponse: Response): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  webResponse.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = webResponse.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return out;
}
