import { ProviderError, type StreamPart } from '@refract/core';
import { toNetworkError, type ResponseBody } from './http';

export interface GuardStreamOptions {
  provider: string;
  /** The response body; destroyed when the consumer stops early or the stream fails. */
  body: ResponseBody;
  signal?: AbortSignal | undefined;
}

/**
 * Enforces the stream contract of `StreamPart` around an adapter's part generator:
 * - any exception after the stream began becomes one `error` part, then the stream ends;
 * - a stream that ends without a `finish` part (upstream cut the connection) ends with an error;
 * - nothing follows an `error` part;
 * - the upstream body is destroyed when the consumer stops early or the caller aborts, so the
 *   provider's socket is closed at once; after a `finish` part it is read to its end instead, so
 *   the keep-alive connection is reused (the readers iterate `bodyChunks(body)` for that).
 */
export async function* guardStream(options: GuardStreamOptions, parts: AsyncIterable<StreamPart>): AsyncGenerator<StreamPart> {
  const { provider, body, signal } = options;
  const onAbort = (): void => {
    destroyQuietly(body, new Error('aborted by the caller'));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    if (signal?.aborted) {
      yield { type: 'error', error: toNetworkError(provider, signal.reason, signal) };
      return;
    }
    for await (const part of parts) {
      if (part.type === 'finish') finished = true;
      yield part;
      if (part.type === 'error') return;
    }
    if (!finished) {
      yield {
        type: 'error',
        error: new ProviderError({ provider, kind: 'network', message: 'the stream ended before the provider finished the response' }),
      };
    }
  } catch (error) {
    yield { type: 'error', error: toNetworkError(provider, error, signal) };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (finished && !signal?.aborted) releaseBody(body);
    else destroyQuietly(body);
  }
}

/**
 * Closes the upstream body (and so its socket). The readers iterate without destroy-on-return,
 * so nothing may be listening any more: the body's own `error` event (undici reports an aborted
 * body as one) must not become an uncaught exception.
 */
function destroyQuietly(body: GuardStreamOptions['body'], error?: Error): void {
  if (body.destroyed) return;
  body.on('error', ignore);
  body.destroy(error);
}

function ignore(): void {}

/** How long a finished stream's body may take to end before its connection is cut. */
const RELEASE_GRACE_MS = 1000;

/**
 * A stream that finished (its `finish` part was read) usually has a few bytes left: the end of
 * the chunked body after `[DONE]`. Destroying the body then would close a connection that is
 * about to be reusable; reading the rest lets undici return it to the pool. A body that does not
 * end within the grace period is destroyed.
 */
function releaseBody(body: GuardStreamOptions['body']): void {
  if (body.destroyed || body.readableEnded) return;
  const timer = setTimeout(() => body.destroy(), RELEASE_GRACE_MS);
  timer.unref();
  const settle = (): void => clearTimeout(timer);
  body.once('end', settle);
  body.once('close', settle);
  body.on('error', ignore);
  body.resume();
}

/** A `decode` error part for a chunk that could not be parsed. */
export function decodeError(provider: string, what: string, raw: string, cause?: unknown): StreamPart {
  return {
    type: 'error',
    error: new ProviderError({ provider, kind: 'decode', message: `malformed ${what}: ${raw.slice(0, 200)}`, cause }),
  };
}
