import { type Clock, systemClock } from '../clock/clock';
import type { RateLimitCost, RateLimitDecision, RateLimiter, RateLimitRule, RateWindowStore } from './rate-limiter';

export interface CreateRateLimiterOptions {
  store: RateWindowStore;
  clock?: Clock;
  /** Kept after a window ends, so late `adjust` calls still find it (default 60 s). */
  graceMs?: number;
}

/**
 * Fixed-window rate limiting over any `RateWindowStore`. The window of a call is
 * `floor(now / windowMs) * windowMs`, so every instance (with synchronised clocks) agrees on it.
 *
 * @example
 * const limiter = createRateLimiter({ store: new MemoryRateWindowStore(clock), clock });
 * await limiter.consume({ scope: 'tenant:acme', windowMs: 60_000, maxRequests: 50 }, { requests: 1, tokens: 0 });
 */
export function createRateLimiter(options: CreateRateLimiterOptions): RateLimiter {
  const clock = options.clock ?? systemClock;
  const graceMs = options.graceMs ?? 60_000;
  const { store } = options;

  return {
    async consume(rule: RateLimitRule, cost: RateLimitCost): Promise<RateLimitDecision> {
      validateRule(rule);
      const now = clock.now();
      const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
      const resetAt = windowStart + rule.windowMs;
      const caps: { requests?: number; tokens?: number } = {};
      if (rule.maxRequests !== undefined) caps.requests = rule.maxRequests;
      if (rule.maxTokens !== undefined) caps.tokens = rule.maxTokens;
      const { applied, counts } = await store.incrementWithin(
        windowId(rule, windowStart),
        { requests: Math.max(0, cost.requests), tokens: Math.max(0, Math.ceil(cost.tokens)) },
        caps,
        resetAt + graceMs,
      );
      const decision: RateLimitDecision = {
        allowed: applied,
        scope: rule.scope,
        retryAfterMs: applied ? 0 : Math.max(1, resetAt - now),
        windowStart,
        resetAt,
      };
      if (rule.maxRequests !== undefined) {
        decision.limitRequests = rule.maxRequests;
        decision.remainingRequests = Math.max(0, rule.maxRequests - counts.requests);
      }
      if (rule.maxTokens !== undefined) {
        decision.limitTokens = rule.maxTokens;
        decision.remainingTokens = Math.max(0, rule.maxTokens - counts.tokens);
      }
      if (!applied) {
        const requestsFit = rule.maxRequests === undefined || counts.requests + cost.requests <= rule.maxRequests;
        decision.exceeded = requestsFit ? 'tokens' : 'requests';
      }
      return decision;
    },

    async adjust(rule: RateLimitRule, windowStart: number, delta: Partial<RateLimitCost>): Promise<void> {
      validateRule(rule);
      if (!delta.requests && !delta.tokens) return;
      await store.adjust(windowId(rule, windowStart), delta, windowStart + rule.windowMs + graceMs);
    },
  };
}

function windowId(rule: RateLimitRule, windowStart: number): string {
  return `${rule.scope}|${rule.windowMs}|${windowStart}`;
}

function validateRule(rule: RateLimitRule): void {
  if (!Number.isInteger(rule.windowMs) || rule.windowMs <= 0) {
    throw new RangeError(`rate limit windowMs must be a positive integer, got ${rule.windowMs}`);
  }
}
