import type { Tier } from '../tiers/tiers';

/**
 * Counters shared by both daily aggregates. Money is kept in integer micro-dollars so that
 * concurrent increments add up exactly; `usdFromMicros` converts for display.
 */
export interface StatCounters {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  baselineMicros: number;
  savedMicros: number;
  latencyMsTotal: number;
  autoRouted: number;
}

/** Per (UTC date, tenant, model). Errors without a model count under `none`. */
export interface DailyModelStat extends StatCounters {
  /** UTC date, `YYYY-MM-DD`. */
  date: string;
  tenant: string;
  model: string;
}

/** Per (UTC date, tenant, category, tier), for requests that have a category. */
export interface DailyCategoryStat extends StatCounters {
  date: string;
  tenant: string;
  category: string;
  tier: Tier | 'none';
}

export interface DailyStatsQuery {
  tenant?: string;
  /** First UTC date, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last UTC date, `YYYY-MM-DD`, inclusive. */
  to: string;
}

export interface DailyStats {
  models: DailyModelStat[];
  categories: DailyCategoryStat[];
}
