import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowAt } from '../budgets/budget-window';
import { committed } from '../budgets/create-ledger';
import type { LedgerLimit } from '../budgets/ledger';
import { type StorageHarness, type StorageHarnessFactory, unique } from './harness';

const budget = (window: LedgerLimit['window'], limit: number): LedgerLimit => ({ window, metric: 'usd', limit, enforcement: 'hard_block', source: `budget.${window}` });
const cost = (usdMicros: number) => ({ usdMicros, tokens: 100, requests: 1 });

/** Contract of `Ledger`: atomic reservations against hard limits, settle/release, exact UTC windows, sweep, concurrency across instances. */
export function describeLedgerContract(name: string, factory: StorageHarnessFactory): void {
  describe(`Ledger contract: ${name}`, () => {
    let harness: StorageHarness;
    beforeAll(async () => {
      harness = await factory();
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    it('reserves, settles to the actual cost and releases, in every window', async () => {
      const { storage } = harness;
      const tenant = unique('ledger');
      const outcome = await storage.ledger.reserve({ tenant, amounts: cost(50_000), limits: [budget('day', 1)] });
      if (!outcome.ok) throw new Error('expected a reservation');
      expect(outcome.reservation.windows.map((window) => window.kind)).toEqual(['day', 'week', 'month']);
      for (const kind of ['day', 'week', 'month'] as const) {
        expect((await storage.ledger.usage(tenant, kind)).counters.reserved).toEqual(cost(50_000));
      }
      await storage.ledger.settle(outcome.reservation, cost(20_000));
      await storage.ledger.settle(outcome.reservation, cost(20_000));
      const day = await storage.ledger.usage(tenant, 'day');
      expect(day.counters).toEqual({ spent: cost(20_000), reserved: { usdMicros: 0, tokens: 0, requests: 0 } });
      const second = await storage.ledger.reserve({ tenant, amounts: cost(10_000), limits: [] });
      if (!second.ok) throw new Error('expected a reservation');
      await storage.ledger.release(second.reservation);
      await storage.ledger.release(second.reservation);
      expect((await storage.ledger.usage(tenant, 'month')).counters).toEqual({ spent: cost(20_000), reserved: { usdMicros: 0, tokens: 0, requests: 0 } });
    });

    it('refuses a reservation that would commit past a hard limit, counting reservations in flight', async () => {
      const { storage, clock } = harness;
      const tenant = unique('hard');
      const limits = [budget('week', 0.1)];
      const first = await storage.ledger.reserve({ tenant, amounts: cost(60_000), limits });
      expect(first.ok).toBe(true);
      const second = await storage.ledger.reserve({ tenant, amounts: cost(60_000), limits });
      expect(second.ok).toBe(false);
      if (second.ok) return;
      expect(second.limit.source).toBe('budget.week');
      expect(second.retryAfterMs).toBe(windowAt('week', clock.now()).end - clock.now());
      expect(committed((await storage.ledger.usage(tenant, 'day')).counters).usdMicros).toBe(60_000);
      expect((await storage.ledger.reserve({ tenant, amounts: cost(40_000), limits })).ok).toBe(true);
    });

    it('applies request and token quotas as caps', async () => {
      const { storage } = harness;
      const tenant = unique('quota');
      const limits: LedgerLimit[] = [
        { window: 'day', metric: 'requests', limit: 2, enforcement: 'hard_block', source: 'quota.requests_daily' },
        { window: 'month', metric: 'tokens', limit: 10_000, enforcement: 'hard_block', source: 'quota.tokens_monthly' },
        { window: 'month', metric: 'requests', limit: 1, enforcement: 'soft_warning', source: 'quota.requests_monthly' },
      ];
      expect((await storage.ledger.reserve({ tenant, amounts: { usdMicros: 0, tokens: 9000, requests: 1 }, limits })).ok).toBe(true);
      const tokens = await storage.ledger.reserve({ tenant, amounts: { usdMicros: 0, tokens: 2000, requests: 1 }, limits });
      expect(tokens.ok === false && tokens.limit.source).toBe('quota.tokens_monthly');
      expect((await storage.ledger.reserve({ tenant, amounts: { usdMicros: 0, tokens: 500, requests: 1 }, limits })).ok).toBe(true);
      const requests = await storage.ledger.reserve({ tenant, amounts: { usdMicros: 0, tokens: 1, requests: 1 }, limits });
      expect(requests.ok === false && requests.limit.source).toBe('quota.requests_daily');
      // The refused month reservation left nothing behind in the day window.
      expect((await storage.ledger.usage(tenant, 'day')).counters.reserved.requests).toBe(2);
    });

    it('uses exact UTC windows: a new day, ISO week and month start at midnight UTC', async () => {
      const { storage, clock } = harness;
      const tenant = unique('windows');
      const saved = clock.now();
      // The last millisecond of the previous month: the next one starts a new day and month.
      const monthEnd = Date.UTC(new Date(saved).getUTCFullYear(), new Date(saved).getUTCMonth(), 1) - 1;
      clock.set(monthEnd);
      const limits = [budget('day', 0.05)];
      const late = await storage.ledger.reserve({ tenant, amounts: cost(50_000), limits });
      expect(late.ok).toBe(true);
      expect((await storage.ledger.reserve({ tenant, amounts: cost(1), limits })).ok).toBe(false);
      clock.set(monthEnd + 1);
      const early = await storage.ledger.reserve({ tenant, amounts: cost(50_000), limits });
      if (!early.ok || !late.ok) throw new Error('expected a reservation in the new day');
      const [lateDay, , lateMonth] = late.reservation.windows;
      const [earlyDay, earlyWeek, earlyMonth] = early.reservation.windows;
      expect(earlyDay!.start).toBe(monthEnd + 1);
      expect(earlyDay!.label).not.toBe(lateDay!.label);
      expect(new Date(earlyWeek!.start).getUTCDay()).toBe(1);
      expect(earlyMonth!.start).toBe(monthEnd + 1);
      expect(earlyMonth!.label).not.toBe(lateMonth!.label);
      await storage.ledger.settle(late.reservation, cost(50_000));
      expect((await storage.ledger.usage(tenant, 'day', monthEnd)).counters.spent.usdMicros).toBe(50_000);
      expect((await storage.ledger.usage(tenant, 'day', monthEnd + 1)).counters.spent.usdMicros).toBe(0);
      clock.set(saved);
    });

    it('sweeps reservations never settled; a late settle still records the spend once', async () => {
      const { storage, clock } = harness;
      const tenant = unique('sweep');
      const outcome = await storage.ledger.reserve({ tenant, amounts: cost(70_000), limits: [] });
      if (!outcome.ok) throw new Error('expected a reservation');
      const saved = clock.now();
      clock.advance(16 * 60_000);
      expect(await storage.ledger.sweep()).toBeGreaterThanOrEqual(1);
      clock.set(saved);
      expect((await storage.ledger.usage(tenant, 'day')).counters.reserved.usdMicros).toBe(0);
      await storage.ledger.settle(outcome.reservation, cost(30_000));
      await storage.ledger.release(outcome.reservation);
      expect((await storage.ledger.usage(tenant, 'day')).counters.spent.usdMicros).toBe(30_000);
    });

    it('200 concurrent reservations on two instances: exactly as many as the budget holds, never past it', async () => {
      const { storage, peer } = harness;
      const tenant = unique('race');
      const limits = [budget('day', 1), budget('month', 5)];
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, index) => (index % 2 === 0 ? storage : peer).ledger.reserve({ tenant, amounts: cost(50_000), limits })),
      );
      const admitted = outcomes.filter((outcome) => outcome.ok);
      expect(admitted).toHaveLength(20);
      const usage = await storage.ledger.usage(tenant, 'day');
      expect(committed(usage.counters).usdMicros).toBe(1_000_000);
      await Promise.all(admitted.map((outcome, index) => (outcome.ok ? (index % 2 ? peer : storage).ledger.settle(outcome.reservation, cost(45_000)) : undefined)));
      const settled = await peer.ledger.usage(tenant, 'day');
      expect(settled.counters).toEqual({ spent: { usdMicros: 900_000, tokens: 2000, requests: 20 }, reserved: { usdMicros: 0, tokens: 0, requests: 0 } });
      expect((await storage.ledger.usage(tenant, 'month')).counters.spent.usdMicros).toBe(900_000);
    });
  });
}
