import { LRUCache } from 'lru-cache';
import type { ClassifierResult } from '../classifier';

export interface ClassifierCacheOptions {
  /** Entries kept (default 1,000). */
  max?: number;
  /** Time to live in ms (default 10 minutes). */
  ttlMs?: number;
}

/**
 * Verdicts by SHA-256 of the exact prompt (normalised input and category list). A hit costs
 * nothing and is marked `cached: true`.
 */
export class ClassifierCache {
  private readonly entries: LRUCache<string, ClassifierResult>;

  constructor(options: ClassifierCacheOptions = {}) {
    this.entries = new LRUCache<string, ClassifierResult>({ max: options.max ?? 1000, ttl: options.ttlMs ?? 600_000 });
  }

  get(key: string): ClassifierResult | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const { usage: _usage, ...rest } = hit;
    return { ...rest, costUsd: 0, cached: true };
  }

  set(key: string, result: ClassifierResult): void {
    this.entries.set(key, result);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Hex SHA-256 of `text` (WebCrypto: Node 20, browsers, edge runtimes). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
