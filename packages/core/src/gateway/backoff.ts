export interface BackoffOptions {
  /** First delay. Default 200 ms. */
  baseMs?: number;
  /** Largest delay, and the longest `retry-after` honoured. Default 8 000 ms. */
  maxMs?: number;
  /** Random source in [0, 1), injectable for tests. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential with full jitter
 * (`random × base × 2^(attempt−1)`, capped), or the provider's `retry-after` when it gave one
 * (capped at `maxMs`; a longer wait is not worth holding the request: the caller moves on).
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 200;
  const max = options.maxMs ?? 8000;
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), max);
  const random = options.random ?? Math.random;
  return Math.min(max, Math.floor(random() * base * 2 ** Math.max(0, attempt - 1)));
}

/** Waits `ms`, or rejects early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
