import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimitRule } from '../limits/rate-limiter';
import { type StorageHarness, type StorageHarnessFactory, unique } from './harness';

/** Contract of `RateLimiter`: exact fixed windows, token caps, adjustments, and exactness under concurrency across instances. */
export function describeRateLimiterContract(name: string, factory: StorageHarnessFactory): void {
  describe(`RateLimiter contract: ${name}`, () => {
    let harness: StorageHarness;
    beforeAll(async () => {
      harness = await factory();
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    const rule = (overrides: Partial<RateLimitRule> = {}): RateLimitRule => ({ scope: unique('scope'), windowMs: 60_000, ...overrides });

    it('allows exactly maxRequests per window, then refuses with the time to the reset', async () => {
      const { storage, clock } = harness;
      const limit = rule({ maxRequests: 3 });
      const windowStart = Math.floor(clock.now() / 60_000) * 60_000;
      const results = [];
      for (let index = 0; index < 5; index += 1) results.push(await storage.rateLimiter.consume(limit, { requests: 1, tokens: 0 }));
      expect(results.map((result) => result.allowed)).toEqual([true, true, true, false, false]);
      expect(results.map((result) => result.remainingRequests)).toEqual([2, 1, 0, 0, 0]);
      expect(results[3]).toMatchObject({ exceeded: 'requests', windowStart, resetAt: windowStart + 60_000, retryAfterMs: windowStart + 60_000 - clock.now() });
      clock.set(windowStart + 60_000);
      expect((await storage.rateLimiter.consume(limit, { requests: 1, tokens: 0 })).allowed).toBe(true);
    });

    it('caps tokens per window; a refused request counts nothing', async () => {
      const { storage } = harness;
      const limit = rule({ maxTokens: 1000, maxRequests: 100 });
      expect((await storage.rateLimiter.consume(limit, { requests: 1, tokens: 700 })).remainingTokens).toBe(300);
      const refused = await storage.rateLimiter.consume(limit, { requests: 1, tokens: 400 });
      expect(refused).toMatchObject({ allowed: false, exceeded: 'tokens', remainingTokens: 300, remainingRequests: 99 });
      const fits = await storage.rateLimiter.consume(limit, { requests: 1, tokens: 300 });
      expect(fits).toMatchObject({ allowed: true, remainingTokens: 0, remainingRequests: 98 });
    });

    it('adjusts a window after the fact and never goes below zero', async () => {
      const { storage } = harness;
      const limit = rule({ maxTokens: 1000 });
      const first = await storage.rateLimiter.consume(limit, { requests: 1, tokens: 100 });
      await storage.rateLimiter.adjust(limit, first.windowStart, { tokens: 850 });
      expect((await storage.rateLimiter.consume(limit, { requests: 1, tokens: 100 })).allowed).toBe(false);
      await storage.rateLimiter.adjust(limit, first.windowStart, { tokens: -5000 });
      expect((await storage.rateLimiter.consume(limit, { requests: 1, tokens: 1000 })).allowed).toBe(true);
    });

    it('keeps scopes apart', async () => {
      const { storage } = harness;
      const a = rule({ maxRequests: 1 });
      const b = rule({ maxRequests: 1 });
      expect((await storage.rateLimiter.consume(a, { requests: 1, tokens: 0 })).allowed).toBe(true);
      expect((await storage.rateLimiter.consume(b, { requests: 1, tokens: 0 })).allowed).toBe(true);
      expect((await storage.rateLimiter.consume(a, { requests: 1, tokens: 0 })).allowed).toBe(false);
    });

    it('admits exactly the limit when 200 requests race on two instances', async () => {
      const { storage, peer } = harness;
      const limit = rule({ maxRequests: 50 });
      const decisions = await Promise.all(
        Array.from({ length: 200 }, (_, index) => (index % 2 === 0 ? storage : peer).rateLimiter.consume(limit, { requests: 1, tokens: 10 })),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(50);
      expect(decisions.filter((decision) => !decision.allowed).every((decision) => decision.exceeded === 'requests')).toBe(true);
    });
  });
}
