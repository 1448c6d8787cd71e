import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDate } from '../budgets/budget-window';
import { isRefractError } from '../errors/refract-error';
import { summarizeStats } from '../records/summarize-stats';
import { makeLog } from './fixtures';
import { type StorageHarness, type StorageHarnessFactory, unique } from './harness';

/** Contract of the record part of `Storage`: request logs, daily stats, sessions, context windows. */
export function describeStorageRecordsContract(name: string, factory: StorageHarnessFactory): void {
  describe(`Storage contract (records): ${name}`, () => {
    let harness: StorageHarness;
    beforeAll(async () => {
      harness = await factory();
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    it('stores each log once, even when a batch is written again, and counts it once in the stats', async () => {
      const { storage, clock } = harness;
      const tenant = unique('logs');
      const at = clock.now();
      const logs = [makeLog({ tenant, timestamp: at }), makeLog({ tenant, timestamp: at + 1, status: 'error', routedModel: 'claude-3-5-haiku', errorCode: 'REFRACT_ERR_PROVIDER', costUsd: 0, baselineCostUsd: 0, savedUsd: 0, outputTokens: 0 })];
      await storage.writeRequestLogs(logs);
      await storage.writeRequestLogs(logs);
      await storage.writeRequestLogs([logs[0]!]);
      const page = await storage.queryRequestLogs({ tenant });
      expect(page.items.map((log) => log.id)).toEqual([logs[1]!.id, logs[0]!.id]);
      expect(page.items[1]).toEqual(logs[0]);
      const stats = await storage.queryDailyStats({ tenant, from: utcDate(at), to: utcDate(at) });
      const report = summarizeStats(stats, 'model');
      expect(report.totals).toMatchObject({ requests: 2, errors: 1, inputTokens: 200, outputTokens: 50 });
      expect(report.rows.map((row) => row.key)).toEqual(['claude-3-5-haiku', 'gpt-4o-mini']);
    });

    it('adds money exactly: 1000 logs of $0.001 make $1.000000', async () => {
      const { storage, clock } = harness;
      const tenant = unique('money');
      const at = clock.now();
      const logs = Array.from({ length: 1000 }, (_, index) => makeLog({ tenant, timestamp: at + index, costUsd: 0.001, baselineCostUsd: 0.003, savedUsd: 0.002 }));
      await Promise.all([storage.writeRequestLogs(logs.slice(0, 500)), storage.writeRequestLogs(logs.slice(500))]);
      const stats = await storage.queryDailyStats({ tenant, from: utcDate(at), to: utcDate(at + 1000) });
      const totals = summarizeStats(stats, 'day').totals;
      expect(totals.requests).toBe(1000);
      expect(totals.costUsd).toBe(1);
      expect(totals.savedUsd).toBe(2);
      expect(totals.baselineCostUsd).toBe(3);
    });

    it('keeps per-category-and-tier stats for requests with a category', async () => {
      const { storage, clock } = harness;
      const tenant = unique('cats');
      const at = clock.now();
      await storage.writeRequestLogs([
        makeLog({ tenant, timestamp: at, category: 'coding', tier: 'medium' }),
        makeLog({ tenant, timestamp: at + 1, category: 'coding', tier: 'high' }),
        makeLog({ tenant, timestamp: at + 2, category: 'translation', tier: 'low' }),
        makeLog({ tenant, timestamp: at + 3, category: undefined as never, tier: undefined as never }),
      ].map((log) => stripUndefined(log)));
      const stats = await storage.queryDailyStats({ tenant, from: utcDate(at), to: utcDate(at) });
      expect(summarizeStats(stats, 'category').rows.map((row) => [row.key, row.requests])).toEqual([['coding', 2], ['translation', 1]]);
      expect(summarizeStats(stats, 'tier').rows.map((row) => [row.key, row.requests])).toEqual([['high', 1], ['low', 1], ['medium', 1]]);
      expect(summarizeStats(stats, 'model').totals.requests).toBe(4);
    });

    it('buckets stats by UTC date and filters by tenant and date range', async () => {
      const { storage } = harness;
      const tenant = unique('days');
      const other = unique('days-other');
      const day1 = Date.UTC(2026, 2, 9, 23, 59, 59, 999);
      const day2 = Date.UTC(2026, 2, 10, 0, 0, 0, 0);
      await storage.writeRequestLogs([makeLog({ tenant, timestamp: day1 }), makeLog({ tenant, timestamp: day2 }), makeLog({ tenant: other, timestamp: day2 })]);
      const both = summarizeStats(await storage.queryDailyStats({ tenant, from: '2026-03-09', to: '2026-03-10' }), 'day');
      expect(both.rows.map((row) => [row.key, row.requests])).toEqual([['2026-03-09', 1], ['2026-03-10', 1]]);
      const second = summarizeStats(await storage.queryDailyStats({ tenant, from: '2026-03-10', to: '2026-03-10' }), 'day');
      expect(second.totals.requests).toBe(1);
    });

    it('pages newest first with a cursor and filters by status, model, category, tier, session and time', async () => {
      const { storage, clock } = harness;
      const tenant = unique('page');
      const at = clock.now();
      const logs = Array.from({ length: 25 }, (_, index) =>
        makeLog({
          tenant,
          timestamp: at + Math.floor(index / 2),
          status: index % 5 === 0 ? 'error' : 'success',
          sessionId: index < 3 ? 'session-a' : 'session-b',
          tier: index % 2 === 0 ? 'low' : 'high',
        }),
      );
      await storage.writeRequestLogs(logs);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pageIndex = 0; pageIndex < 10; pageIndex += 1) {
        const page = await storage.queryRequestLogs({ tenant, limit: 10, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((log) => log.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      const expected = [...logs].sort((a, b) => b.timestamp - a.timestamp || (a.id < b.id ? 1 : -1)).map((log) => log.id);
      expect(seen).toEqual(expected);
      expect((await storage.queryRequestLogs({ tenant, status: 'error', limit: 100 })).items).toHaveLength(5);
      expect((await storage.queryRequestLogs({ tenant, sessionId: 'session-a', limit: 100 })).items).toHaveLength(3);
      expect((await storage.queryRequestLogs({ tenant, tier: 'low', limit: 100 })).items).toHaveLength(13);
      expect((await storage.queryRequestLogs({ tenant, model: 'gpt-4o-mini', category: 'coding', limit: 100 })).items).toHaveLength(25);
      expect((await storage.queryRequestLogs({ tenant, model: 'other', limit: 100 })).items).toHaveLength(0);
      expect((await storage.queryRequestLogs({ tenant, from: at + 10, to: at + 12, limit: 100 })).items).toHaveLength(4);
      expect((await storage.queryRequestLogs({ tenant: unique('nobody') })).items).toEqual([]);
    });

    it('rejects a forged cursor with a validation error', async () => {
      const error = await harness.storage.queryRequestLogs({ cursor: 'not-a-cursor' }).catch((caught: unknown) => caught);
      expect(isRefractError(error) && error.code).toBe('REFRACT_ERR_VALIDATION');
    });

    it('keeps session state per tenant and session, and learned context windows', async () => {
      const { storage, clock } = harness;
      const tenant = unique('sessions');
      await storage.putSessionState(tenant, 's1', { lastContextFill: 0.8, lastModel: 'gpt-4o', updatedAt: clock.now() });
      expect(await storage.getSessionState(tenant, 's1')).toEqual({ lastContextFill: 0.8, lastModel: 'gpt-4o', updatedAt: clock.now() });
      expect(await storage.getSessionState(unique('other'), 's1')).toBeUndefined();
      const model = unique('model');
      expect(await storage.getLearnedContextWindow('openai', model)).toBeUndefined();
      await storage.putLearnedContextWindow('openai', model, 128_000);
      await storage.putLearnedContextWindow('openai', model, 64_000);
      expect(await storage.getLearnedContextWindow('openai', model)).toBe(64_000);
      expect(await harness.peer.getLearnedContextWindow('openai', model)).toBe(64_000);
    });
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
