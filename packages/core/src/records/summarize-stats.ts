import { usdFromMicros } from '../budgets/money';
import type { DailyStats, StatCounters } from './daily-stats';
import { addCounters, emptyCounters } from './stat-increments';

export type StatsGroupBy = 'day' | 'model' | 'category' | 'tier' | 'tenant';

/** One row of a usage and savings report, in USD. */
export interface UsageRow {
  key: string;
  requests: number;
  errors: number;
  autoRouted: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  baselineCostUsd: number;
  savedUsd: number;
  /** savedUsd / baselineCostUsd, 0 when there is no baseline. */
  savedShare: number;
  averageLatencyMs: number;
}

export interface UsageReport {
  groupBy: StatsGroupBy;
  rows: UsageRow[];
  totals: Omit<UsageRow, 'key'>;
}

/**
 * Groups daily stats into a usage and savings report. `day`, `model` and `tenant` read the
 * per-model aggregate (every request); `category` and `tier` read the per-category one (requests
 * with a category only). Rows are sorted by key.
 *
 * @example
 * summarizeStats(await storage.queryDailyStats({ tenant: 'acme', from: '2026-03-01', to: '2026-03-31' }), 'model');
 */
export function summarizeStats(stats: DailyStats, groupBy: StatsGroupBy): UsageReport {
  const groups = new Map<string, StatCounters>();
  const source = groupBy === 'category' || groupBy === 'tier' ? stats.categories : stats.models;
  for (const stat of source) {
    const key =
      groupBy === 'day' ? stat.date
      : groupBy === 'tenant' ? stat.tenant
      : groupBy === 'model' ? (stat as { model: string }).model
      : groupBy === 'category' ? (stat as { category: string }).category
      : (stat as { tier: string }).tier;
    const counters = groups.get(key) ?? emptyCounters();
    addCounters(counters, stat);
    groups.set(key, counters);
  }
  const total = emptyCounters();
  for (const counters of groups.values()) addCounters(total, counters);
  const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, counters]) => ({ key, ...toRow(counters) }));
  return { groupBy, rows, totals: toRow(total) };
}

function toRow(counters: StatCounters): Omit<UsageRow, 'key'> {
  const baselineCostUsd = usdFromMicros(counters.baselineMicros);
  const savedUsd = usdFromMicros(counters.savedMicros);
  return {
    requests: counters.requests,
    errors: counters.errors,
    autoRouted: counters.autoRouted,
    inputTokens: counters.inputTokens,
    outputTokens: counters.outputTokens,
    costUsd: usdFromMicros(counters.costMicros),
    baselineCostUsd,
    savedUsd,
    savedShare: baselineCostUsd > 0 ? savedUsd / baselineCostUsd : 0,
    averageLatencyMs: counters.requests > 0 ? counters.latencyMsTotal / counters.requests : 0,
  };
}
