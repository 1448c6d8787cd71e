import { LRUCache } from 'lru-cache';
import type { HealthTracker } from '../health-tracker';

interface Entry<V> {
  value: V;
  fetchedAt: number;
}

/**
 * A read-through cache for configuration. Values are copied in and out. Entries are fresh for `ttlMs` (a backstop: the change
 * feed invalidates them as soon as a change is seen). When a refresh fails, a stale entry is
 * served instead ("serving from cache" in health) and the error only surfaces when there is
 * nothing cached. `null` caches "not found" for `negativeTtlMs`.
 */
export class ConfigCache<V> {
  private readonly entries: LRUCache<string, Entry<V | null>>;

  constructor(
    private readonly options: { ttlMs: number; negativeTtlMs: number; max: number; now: () => number; health: HealthTracker },
  ) {
    this.entries = new LRUCache({ max: options.max });
  }

  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const entry = this.entries.get(key);
    const now = this.options.now();
    if (entry) {
      const ttl = entry.value === null ? this.options.negativeTtlMs : this.options.ttlMs;
      if (now - entry.fetchedAt < ttl) return entry.value === null ? undefined : structuredClone(entry.value);
    }
    try {
      const value = await load();
      this.entries.set(key, { value: value === undefined ? null : structuredClone(value), fetchedAt: now });
      return value;
    } catch (error) {
      if (entry && entry.value !== null) {
        this.options.health.servedStale();
        return structuredClone(entry.value);
      }
      throw error;
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops entries matching `predicate` (for invalidation by something other than the key). */
  deleteWhere(predicate: (value: V | null, key: string) => boolean): void {
    for (const [key, entry] of this.entries.entries()) if (predicate(entry.value, key)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
