import { LRUCache } from 'lru-cache';
import { type Clock, systemClock } from '../clock/clock';
import type { Storage } from '../storage/storage';

export interface KeyUsageTracker {
  /** Notes a use of the key; writes `lastUsedAt` at most once per interval per key, in the background. */
  touch(keyId: string): void;
  /** Waits for writes in flight (for shutdown and tests). */
  drain(): Promise<void>;
}

/**
 * Keeps `lastUsedAt` roughly current without a write per request: at most one background write
 * per key per `intervalMs` (default 60 s) per instance. A failed write is reported to `onError`
 * and never reaches the request.
 *
 * @example
 * const usage = createKeyUsageTracker({ storage });
 * await authenticate(storage, header, { usage });
 */
export function createKeyUsageTracker(options: {
  storage: Pick<Storage, 'touchApiKey'>;
  clock?: Clock;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): KeyUsageTracker {
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? 60_000;
  const lastWrite = new LRUCache<string, number>({ max: 50_000 });
  const pending = new Set<Promise<void>>();
  return {
    touch(keyId: string): void {
      const now = clock.now();
      const previous = lastWrite.get(keyId);
      if (previous !== undefined && now - previous < intervalMs) return;
      lastWrite.set(keyId, now);
      const write = options.storage
        .touchApiKey(keyId, now)
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => pending.delete(write));
      pending.add(write);
    },
    async drain(): Promise<void> {
      await Promise.all([...pending]);
    },
  };
}
