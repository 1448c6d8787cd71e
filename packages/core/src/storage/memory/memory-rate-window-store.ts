import { type Clock, systemClock } from '../../clock/clock';
import type { RateLimitCost, RateWindowCounts, RateWindowStore } from '../../limits/rate-limiter';

interface Entry extends RateWindowCounts {
  expiresAt: number;
}

/**
 * Rate windows in a Map: exact within one process (JavaScript runs each call to completion, so
 * check-and-increment is atomic). Expired windows are dropped as new ones are created.
 *
 * @example
 * const limiter = createRateLimiter({ store: new MemoryRateWindowStore(clock), clock });
 */
export class MemoryRateWindowStore implements RateWindowStore {
  private readonly windows = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  async incrementWithin(
    windowId: string,
    cost: RateLimitCost,
    caps: { requests?: number; tokens?: number },
    expiresAt: number,
  ): Promise<{ applied: boolean; counts: RateWindowCounts }> {
    this.sweep();
    const entry = this.entry(windowId, expiresAt);
    const fits =
      (caps.requests === undefined || entry.requests + cost.requests <= caps.requests) &&
      (caps.tokens === undefined || entry.tokens + cost.tokens <= caps.tokens);
    if (fits) {
      entry.requests += cost.requests;
      entry.tokens += cost.tokens;
    }
    return { applied: fits, counts: { requests: entry.requests, tokens: entry.tokens } };
  }

  async adjust(windowId: string, delta: Partial<RateLimitCost>, expiresAt: number): Promise<void> {
    const entry = this.entry(windowId, expiresAt);
    entry.requests = Math.max(0, entry.requests + (delta.requests ?? 0));
    entry.tokens = Math.max(0, entry.tokens + Math.round(delta.tokens ?? 0));
  }

  /** Number of live windows (for tests and diagnostics). */
  get size(): number {
    return this.windows.size;
  }

  private entry(windowId: string, expiresAt: number): Entry {
    let entry = this.windows.get(windowId);
    if (!entry) {
      entry = { requests: 0, tokens: 0, expiresAt };
      this.windows.set(windowId, entry);
    }
    return entry;
  }

  private sweep(): void {
    const now = this.clock.now();
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [id, entry] of this.windows) if (entry.expiresAt <= now) this.windows.delete(id);
  }
}
