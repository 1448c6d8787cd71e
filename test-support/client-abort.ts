import { request as httpRequest } from 'node:http';

export interface DroppedRequest {
  /** `performance.now()` when the client destroyed its socket. */
  abortedAt: number;
  /** The response status, when headers arrived before the drop. */
  status: number | undefined;
  /** The body bytes received before the drop. */
  firstChunk: string;
}

/**
 * Sends a request with node:http and destroys the socket at once when `dropWhen` resolves
 * (`'first-chunk'`: after the first body bytes, a client leaving mid-stream; a promise: e.g. once
 * the upstream received the call, a client leaving while Refract waits for the provider).
 * A fetch() abort is not used: undici may close its socket only when the next bytes arrive.
 *
 * @example
 * const { abortedAt } = await dropRequest(`${server.url}/v1/chat/completions`, JSON.stringify(body));
 */
export function dropRequest(url: string, body: string, dropWhen: 'first-chunk' | Promise<unknown> = 'first-chunk', headers: Record<string, string> = {}): Promise<DroppedRequest> {
  return new Promise((resolve, reject) => {
    let status: number | undefined;
    let firstChunk = '';
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      status = response.statusCode;
      response.once('data', (chunk: Buffer) => {
        firstChunk = chunk.toString('utf8');
        if (dropWhen === 'first-chunk') drop();
      });
      response.once('end', () => reject(new Error(`the response ended before the client dropped it: ${status} ${firstChunk}`)));
    });
    const drop = (): void => {
      request.destroy();
      resolve({ abortedAt: performance.now(), status, firstChunk });
    };
    if (dropWhen !== 'first-chunk') dropWhen.then(drop, reject);
    request.once('error', (error) => {
      if (!request.destroyed) reject(error);
    });
    request.end(body);
  });
}

/**
 * Polls `condition` every 2 ms until it holds; throws after `timeoutMs`.
 *
 * @example
 * await waitFor(() => upstream.socketCloses.length > 0, 2000, 'the upstream socket to close');
 */
export async function waitFor(condition: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Drops a request (mid-stream, or while the upstream has the call but has not answered) and
 * returns how long after the drop the upstream saw its socket close. Runs one unmeasured drop
 * first: the first abort in a process pays once for loading and compiling the abort path of the
 * HTTP stack (tens of ms), which is not what the bound is about.
 *
 * @example
 * expect(await upstreamCloseDelayMs(upstream, `${url}/v1/chat/completions`, body)).toBeLessThan(100);
 */
export async function upstreamCloseDelayMs(
  upstream: { socketCloses: number[]; requests: unknown[] },
  url: string,
  body: string,
  options: { when?: 'mid-stream' | 'upstream-called'; headers?: Record<string, string> } = {},
): Promise<number> {
  let delay = Number.NaN;
  for (let round = 0; round < 2; round += 1) {
    const before = upstream.socketCloses.length;
    const calls = upstream.requests.length;
    const dropWhen = options.when === 'upstream-called' ? waitFor(() => upstream.requests.length > calls, 5000, 'the upstream call') : 'first-chunk';
    const dropped = await dropRequest(url, body, dropWhen, options.headers);
    if (options.when !== 'upstream-called' && dropped.status !== 200) throw new Error(`expected a 200 stream, got ${dropped.status}: ${dropped.firstChunk}`);
    // Only a close after the drop counts (a pool may close a spare socket at any time).
    const closeAfterDrop = (): number | undefined => upstream.socketCloses.slice(before).find((closedAt) => closedAt >= dropped.abortedAt);
    await waitFor(() => closeAfterDrop() !== undefined, 2000, 'the upstream socket to close');
    delay = (closeAfterDrop() as number) - dropped.abortedAt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return delay;
}
