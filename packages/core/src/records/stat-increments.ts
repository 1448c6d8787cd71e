import { utcDate } from '../budgets/budget-window';
import { microsFromUsd } from '../budgets/money';
import type { DailyCategoryStat, DailyModelStat, StatCounters } from './daily-stats';
import type { RequestLog } from './request-log';

/** What one request log adds to the daily aggregates. */
export interface StatIncrement {
  model: Omit<DailyModelStat, keyof StatCounters>;
  /** Present when the request has a category. */
  category?: Omit<DailyCategoryStat, keyof StatCounters>;
  counters: StatCounters;
}

/**
 * The daily-stat increments of one request log: its UTC date (of `timestamp`), tenant and model
 * (`none` when no model was reached), plus category and tier when it has a category.
 *
 * @example
 * const { model, counters } = statIncrementFor(log); // model.date === '2026-03-09'
 */
export function statIncrementFor(log: RequestLog): StatIncrement {
  const date = utcDate(log.timestamp);
  const increment: StatIncrement = {
    model: { date, tenant: log.tenant, model: log.routedModel ?? 'none' },
    counters: {
      requests: 1,
      errors: log.status === 'error' ? 1 : 0,
      inputTokens: log.inputTokens,
      outputTokens: log.outputTokens,
      costMicros: microsFromUsd(log.costUsd),
      baselineMicros: microsFromUsd(log.baselineCostUsd),
      savedMicros: microsFromUsd(log.savedUsd),
      latencyMsTotal: Math.round(log.latencyMs),
      autoRouted: log.autoRouted ? 1 : 0,
    },
  };
  if (log.category !== undefined) {
    increment.category = { date, tenant: log.tenant, category: log.category, tier: log.tier ?? 'none' };
  }
  return increment;
}

export const STAT_COUNTER_FIELDS = [
  'requests',
  'errors',
  'inputTokens',
  'outputTokens',
  'costMicros',
  'baselineMicros',
  'savedMicros',
  'latencyMsTotal',
  'autoRouted',
] as const satisfies readonly (keyof StatCounters)[];

export function emptyCounters(): StatCounters {
  return { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costMicros: 0, baselineMicros: 0, savedMicros: 0, latencyMsTotal: 0, autoRouted: 0 };
}

export function addCounters(target: StatCounters, counters: StatCounters): void {
  for (const field of STAT_COUNTER_FIELDS) target[field] += counters[field];
}
