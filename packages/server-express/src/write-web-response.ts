import type { ServerResponse } from 'node:http';

/**
 * Writes a web `Response` to a Node response: status, headers (every `set-cookie` kept), then
 * the body as it arrives. Headers are flushed at once for event streams. Backpressure is
 * respected (when `write()` returns false, the next chunk waits for `drain`), and when the client
 * goes away the body's reader is cancelled, which stops the stream at its source.
 * Resolves when the response is finished or abandoned; never rejects.
 *
 * @example
 * const response = await handle(toWebRequest(incoming, { signal }));
 * await writeWebResponse(response, outgoing);
 */
export async function writeWebResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  if (outgoing.destroyed) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  outgoing.statusCode = response.status;
  if (response.statusText) outgoing.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') outgoing.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outgoing.setHeader('set-cookie', cookies);
  if (!response.body) {
    outgoing.end();
    return;
  }
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) outgoing.flushHeaders();
  const reader = response.body.getReader();
  const onClose = (): void => {
    if (!outgoing.writableFinished) reader.cancel().catch(() => undefined);
  };
  outgoing.on('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || outgoing.destroyed) break;
      if (!outgoing.write(value)) await drained(outgoing);
    }
    if (!outgoing.destroyed) outgoing.end();
  } catch (error) {
    // The body failed part-way: cut the connection so the client sees an incomplete response
    // rather than a clean end.
    outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    outgoing.off('close', onClose);
  }
}

/** Resolves on `drain`, or when the response closes (the client left). */
function drained(outgoing: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      outgoing.off('drain', done);
      outgoing.off('close', done);
      resolve();
    };
    outgoing.on('drain', done);
    outgoing.on('close', done);
  });
}
