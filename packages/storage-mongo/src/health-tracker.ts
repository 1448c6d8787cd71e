import type { ChangeFeedMode } from '@refract/core';
import { messageOf } from './mongo-errors';

/**
 * What the storage knows about its own state between health checks: the last failure, whether
 * stale cache entries were served because MongoDB failed, and how config changes arrive.
 */
export class HealthTracker {
  lastError: { message: string; at: number } | undefined;
  lastSuccessAt = 0;
  servedStaleAt = 0;
  feedMode: ChangeFeedMode = 'polling';
  feedDetail = 'starting';

  constructor(private readonly now: () => number) {}

  failure(error: unknown): void {
    this.lastError = { message: messageOf(error), at: this.now() };
  }

  success(): void {
    this.lastSuccessAt = this.now();
  }

  servedStale(): void {
    this.servedStaleAt = this.now();
  }

  /** Stale entries were served after the last successful operation. */
  get servingFromCache(): boolean {
    return this.servedStaleAt > 0 && this.servedStaleAt >= this.lastSuccessAt;
  }
}
