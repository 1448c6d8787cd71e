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
 *   provider's socket is closed at once.
 */
export async function* guardStream(options: GuardStreamOptions, parts: AsyncIterable<StreamPart>): AsyncGenerator<StreamPart> {
  const { provider, body, signal } = options;
  const onAbort = (): void => {
    body.destroy(new Error('aborted by the caller'));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    if (signal?.aborted) {
      yield { type: 'error', error: toNetworkError(provider, signal.reason, signal) };
      return;
    }
    for await (const part of parts) {
      yield part;
      if (part.type === 'error') return;
      if (part.type === 'finish') finished = true;
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
    if (!body.destroyed) body.destroy();
  }
}

/** A `decode` error part for a chunk that could not be parsed. */
export function decodeError(provider: string, what: string, raw: string, cause?: unknown): StreamPart {
  return {
    type: 'error',
    error: new ProviderError({ provider, kind: 'decode', message: `malformed ${what}: ${raw.slice(0, 200)}`, cause }),
  };
}
