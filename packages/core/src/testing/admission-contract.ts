import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmission } from '../admission/create-admission';
import { committed } from '../budgets/create-ledger';
import type { TenantInput } from '../tenants/tenant-schema';
import { makeTenant } from './fixtures';
import { type StorageHarness, type StorageHarnessFactory, unique } from './harness';

/**
 * Admission end to end on a backend: rate limits, budget reservation and the guard, with the
 * issue's race: 200 concurrent requests on two instances against RPM 50 and a budget of ~20.
 */
export function describeAdmissionContract(name: string, factory: StorageHarnessFactory): void {
  describe(`Admission contract: ${name}`, () => {
    let harness: StorageHarness;
    beforeAll(async () => {
      harness = await factory();
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    const tenantWith = (input: Omit<TenantInput, 'slug'>) => makeTenant({ slug: unique('adm'), ...input });
    const admissions = () => [harness.storage, harness.peer].map((store) => createAdmission({ rateLimiter: store.rateLimiter, ledger: store.ledger, clock: harness.clock }));

    it('RPM 50, 200 concurrent requests on two instances, no budget: exactly 50 admitted in the window', async () => {
      const tenant = tenantWith({ limits: { requestsPerMinute: 50 } });
      const [a, b] = admissions();
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, index) => (index % 2 ? a! : b!).admit({ tenant, inputTokens: 100, maxOutputTokens: 100, worstCaseUsd: 0.01 })),
      );
      expect(outcomes.filter((outcome) => outcome.admitted)).toHaveLength(50);
      const refused = outcomes.filter((outcome) => !outcome.admitted);
      expect(refused.every((outcome) => !outcome.admitted && outcome.error.code === 'REFRACT_ERR_RATE_LIMITED' && outcome.error.status === 429)).toBe(true);
      const first = refused[0];
      if (first?.admitted !== false) throw new Error('expected a refusal');
      expect(first.headers['x-ratelimit-limit-requests']).toBe('50');
      expect(first.headers['x-ratelimit-remaining-requests']).toBe('0');
      expect(Number(first.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      harness.clock.advance(60_000);
      expect((await a!.admit({ tenant, inputTokens: 100, worstCaseUsd: 0.01 })).admitted).toBe(true);
    });

    it('RPM 50 and a budget worth 20 requests: 50 pass the rate limit, 20 are admitted, spend stays within the budget', async () => {
      const tenant = tenantWith({ limits: { requestsPerMinute: 50 }, budgets: { dailyUsd: 1 } });
      const [a, b] = admissions();
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, index) => (index % 2 ? a! : b!).admit({ tenant, inputTokens: 500, maxOutputTokens: 1000, worstCaseUsd: 0.05 })),
      );
      const codes = outcomes.map((outcome) => (outcome.admitted ? 'admitted' : outcome.error.code));
      expect(codes.filter((code) => code === 'admitted')).toHaveLength(20);
      expect(codes.filter((code) => code === 'REFRACT_ERR_BUDGET_EXCEEDED')).toHaveLength(30);
      expect(codes.filter((code) => code === 'REFRACT_ERR_RATE_LIMITED')).toHaveLength(150);
      const inFlight = await harness.storage.ledger.usage(tenant.slug, 'day');
      expect(committed(inFlight.counters).usdMicros).toBeLessThanOrEqual(1_000_000);
      // Half settle below their reservation, half fail and release: spend is exactly the settled sum.
      await Promise.all(
        outcomes.map((outcome, index) =>
          outcome.admitted ? (index % 4 < 2 ? outcome.ticket.settle({ usd: 0.031, inputTokens: 480, outputTokens: 700 }) : outcome.ticket.release()) : undefined,
        ),
      );
      const settled = (await harness.peer.ledger.usage(tenant.slug, 'day')).counters;
      const settledCount = outcomes.filter((outcome, index) => outcome.admitted && index % 4 < 2).length;
      expect(settled.reserved.usdMicros).toBe(0);
      expect(settled.spent.usdMicros).toBe(settledCount * 31_000);
      expect(settled.spent.usdMicros).toBeLessThanOrEqual(1_000_000);
    });

    it('never admits past a hard budget, however the requests interleave with settlements', async () => {
      const tenant = tenantWith({ budgets: { monthlyUsd: 0.5 } });
      const [a, b] = admissions();
      let admitted = 0;
      await Promise.all(
        Array.from({ length: 60 }, async (_, index) => {
          const outcome = await (index % 2 ? a! : b!).admit({ tenant, inputTokens: 10, worstCaseUsd: 0.04 });
          if (!outcome.admitted) return;
          admitted += 1;
          await outcome.ticket.settle({ usd: 0.04, inputTokens: 10, outputTokens: 10 });
        }),
      );
      const month = (await harness.storage.ledger.usage(tenant.slug, 'month')).counters;
      expect(admitted).toBe(12);
      expect(month.spent.usdMicros).toBe(480_000);
      expect(month.spent.usdMicros).toBeLessThanOrEqual(500_000);
    });

    it('TPM counts the estimate at admission and the actual tokens at settle', async () => {
      const tenant = tenantWith({ limits: { tokensPerMinute: 1000 } });
      const [a] = admissions();
      const first = await a!.admit({ tenant, inputTokens: 400, worstCaseUsd: 0 });
      if (!first.admitted) throw new Error('expected admission');
      expect(first.headers['x-ratelimit-remaining-tokens']).toBe('600');
      await first.ticket.settle({ usd: 0, inputTokens: 400, outputTokens: 500 });
      const second = await a!.admit({ tenant, inputTokens: 200, worstCaseUsd: 0 });
      expect(second.admitted).toBe(false);
      if (second.admitted) return;
      expect(second.error.code).toBe('REFRACT_ERR_RATE_LIMITED');
      expect(second.headers['x-ratelimit-remaining-tokens']).toBe('100');
    });

    it('a key limit refuses before the tenant limit is used', async () => {
      const tenant = tenantWith({ limits: { requestsPerMinute: 3 } });
      const [a] = admissions();
      const key = { id: unique('key'), limits: { requestsPerMinute: 1 } };
      expect((await a!.admit({ tenant, key, inputTokens: 1, worstCaseUsd: 0 })).admitted).toBe(true);
      const refused = await a!.admit({ tenant, key, inputTokens: 1, worstCaseUsd: 0 });
      expect(!refused.admitted && refused.error.message).toContain('this API key');
      expect((await a!.admit({ tenant, inputTokens: 1, worstCaseUsd: 0 })).admitted).toBe(true);
      expect((await a!.admit({ tenant, inputTokens: 1, worstCaseUsd: 0 })).admitted).toBe(true);
      expect((await a!.admit({ tenant, inputTokens: 1, worstCaseUsd: 0 })).admitted).toBe(false);
    });

    it('the guard switches to economy and blocks tiers past its threshold; soft quotas warn', async () => {
      const tenant = tenantWith({
        budgets: { dailyUsd: 1, guard: { threshold: 0.5, blockTiers: ['ultra', 'critical'] } },
        quotas: [{ kind: 'requests_daily', limit: 2, enforcement: 'soft_warning' }],
      });
      const [a, b] = admissions();
      expect((await a!.guard(tenant)).active).toBe(false);
      const first = await a!.admit({ tenant, inputTokens: 1, worstCaseUsd: 0.3, tier: 'ultra' });
      expect(first.admitted && first.guard.active).toBe(false);
      const second = await b!.admit({ tenant, inputTokens: 1, worstCaseUsd: 0.3, tier: 'medium' });
      if (!second.admitted) throw new Error('expected admission');
      expect(second.guard).toMatchObject({ active: true, costMode: 'economy', blockedTiers: ['ultra', 'critical'] });
      expect(second.headers['x-refract-budget-warning']).toContain('quota.requests_daily');
      const blocked = await a!.admit({ tenant, inputTokens: 1, worstCaseUsd: 0.01, tier: 'critical' });
      expect(!blocked.admitted && blocked.error.code).toBe('REFRACT_ERR_BUDGET_GUARD');
      expect(await b!.guard(tenant)).toMatchObject({ active: true, costMode: 'economy' });
      // The refused request's reservation was given back.
      expect(committed((await harness.storage.ledger.usage(tenant.slug, 'day')).counters).usdMicros).toBe(600_000);
    });

    it('an auto_economy quota forces economy instead of refusing; a hard quota refuses with 429', async () => {
      const economy = tenantWith({ quotas: [{ kind: 'requests_daily', limit: 1, enforcement: 'auto_economy' }] });
      const hard = tenantWith({ quotas: [{ kind: 'requests_monthly', limit: 1, enforcement: 'hard_block' }] });
      const [a] = admissions();
      await a!.admit({ tenant: economy, inputTokens: 1, worstCaseUsd: 0 });
      const second = await a!.admit({ tenant: economy, inputTokens: 1, worstCaseUsd: 0 });
      expect(second.admitted && second.guard.costMode).toBe('economy');
      await a!.admit({ tenant: hard, inputTokens: 1, worstCaseUsd: 0 });
      const refused = await a!.admit({ tenant: hard, inputTokens: 1, worstCaseUsd: 0 });
      expect(!refused.admitted && [refused.error.code, refused.error.status]).toEqual(['REFRACT_ERR_QUOTA_EXCEEDED', 429]);
      expect(!refused.admitted && Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
}
