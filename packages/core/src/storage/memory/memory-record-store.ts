import type { DailyCategoryStat, DailyModelStat, DailyStats, DailyStatsQuery } from '../../records/daily-stats';
import { decodeLogCursor, encodeLogCursor, newerThan, pageSize } from '../../records/log-cursor';
import type { RequestLog, RequestLogPage, RequestLogQuery } from '../../records/request-log';
import { addCounters, emptyCounters, statIncrementFor } from '../../records/stat-increments';

/**
 * Request logs and daily stats in memory. Logs are kept newest-last up to `maxLogs`; beyond that
 * the oldest are dropped (that is this store's retention, and the reason production deployments
 * use a shared backend). Stats are never dropped.
 */
export class MemoryRecordStore {
  private readonly logs: RequestLog[] = [];
  private readonly ids = new Set<string>();
  private readonly modelStats = new Map<string, DailyModelStat>();
  private readonly categoryStats = new Map<string, DailyCategoryStat>();

  constructor(private readonly maxLogs = 100_000) {}

  async writeRequestLogs(logs: readonly RequestLog[]): Promise<void> {
    for (const log of logs) {
      if (this.ids.has(log.id)) continue;
      this.ids.add(log.id);
      insertSorted(this.logs, structuredClone(log));
      const increment = statIncrementFor(log);
      const modelKey = `${increment.model.date}|${increment.model.tenant}|${increment.model.model}`;
      const modelStat = this.modelStats.get(modelKey) ?? { ...increment.model, ...emptyCounters() };
      addCounters(modelStat, increment.counters);
      this.modelStats.set(modelKey, modelStat);
      if (increment.category) {
        const { date, tenant, category, tier } = increment.category;
        const categoryKey = `${date}|${tenant}|${category}|${tier}`;
        const categoryStat = this.categoryStats.get(categoryKey) ?? { ...increment.category, ...emptyCounters() };
        addCounters(categoryStat, increment.counters);
        this.categoryStats.set(categoryKey, categoryStat);
      }
    }
    while (this.logs.length > this.maxLogs) {
      const dropped = this.logs.shift();
      if (dropped) this.ids.delete(dropped.id);
    }
  }

  async queryRequestLogs(query: RequestLogQuery): Promise<RequestLogPage> {
    const limit = pageSize(query.limit);
    const after = query.cursor === undefined ? undefined : decodeLogCursor(query.cursor);
    const items: RequestLog[] = [];
    for (let index = this.logs.length - 1; index >= 0; index -= 1) {
      const log = this.logs[index] as RequestLog;
      if (after && !newerThan(after, log)) continue;
      if (!matches(log, query)) continue;
      if (items.length === limit) {
        const last = items[items.length - 1] as RequestLog;
        return { items, nextCursor: encodeLogCursor(last) };
      }
      items.push(structuredClone(log));
    }
    return { items };
  }

  async queryDailyStats(query: DailyStatsQuery): Promise<DailyStats> {
    const inRange = (stat: { date: string; tenant: string }): boolean =>
      stat.date >= query.from && stat.date <= query.to && (query.tenant === undefined || stat.tenant === query.tenant);
    return {
      models: [...this.modelStats.values()].filter(inRange).map((stat) => ({ ...stat })),
      categories: [...this.categoryStats.values()].filter(inRange).map((stat) => ({ ...stat })),
    };
  }
}

function matches(log: RequestLog, query: RequestLogQuery): boolean {
  return (
    (query.tenant === undefined || log.tenant === query.tenant) &&
    (query.from === undefined || log.timestamp >= query.from) &&
    (query.to === undefined || log.timestamp < query.to) &&
    (query.status === undefined || log.status === query.status) &&
    (query.model === undefined || log.routedModel === query.model || log.requestedModel === query.model) &&
    (query.provider === undefined || log.provider === query.provider) &&
    (query.category === undefined || log.category === query.category) &&
    (query.tier === undefined || log.tier === query.tier) &&
    (query.sessionId === undefined || log.sessionId === query.sessionId)
  );
}

/** Keeps `logs` ordered oldest to newest by (timestamp, id); appends are the common case. */
function insertSorted(logs: RequestLog[], log: RequestLog): void {
  let index = logs.length;
  while (index > 0 && newerThan(logs[index - 1] as RequestLog, log)) index -= 1;
  logs.splice(index, 0, log);
}
