import {
  type DailyCategoryStat,
  type DailyModelStat,
  type DailyStats,
  type DailyStatsQuery,
  decodeLogCursor,
  encodeLogCursor,
  pageSize,
  type RequestLog,
  type RequestLogPage,
  type RequestLogQuery,
  STAT_COUNTER_FIELDS,
  statIncrementFor,
  type StatCounters,
} from '@refract/core';
import { type AnyBulkWriteOperation, type Collection, type Document, type Filter, MongoBulkWriteError } from 'mongodb';
import type { Collections } from '../collections';
import { stripFields, withoutUndefined } from '../mongo-errors';

/**
 * Request logs and daily stats. A batch is written with one unordered bulk upsert keyed by log id
 * (`$setOnInsert`), so a retried batch stores each log once; stats are then incremented, with
 * `$inc` bulk upserts, only for the logs that were actually inserted by this write.
 */
export class MongoRecordStore {
  constructor(private readonly collections: Collections) {}

  async writeRequestLogs(logs: readonly RequestLog[]): Promise<void> {
    if (logs.length === 0) return;
    const unique = [...new Map(logs.map((log) => [log.id, log])).values()];
    let upserted: Record<number, unknown>;
    let failure: unknown;
    try {
      upserted = (await this.collections.request_logs.bulkWrite(operations(unique), { ordered: false })).upsertedIds;
    } catch (error) {
      // Logs that were inserted before the failure still get their stats; duplicates (E11000 from a
      // concurrent writer of the same id) are already stored. Anything else is rethrown for a retry.
      if (!(error instanceof MongoBulkWriteError)) throw error;
      upserted = error.result.upsertedIds;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.some((writeError) => writeError.code !== 11000)) failure = error;
    }
    const inserted = Object.keys(upserted).map((index) => unique[Number(index)]).filter((log): log is RequestLog => log !== undefined);
    if (inserted.length > 0) await this.addStats(inserted);
    if (failure) throw failure;
  }

  private async addStats(inserted: RequestLog[]): Promise<void> {
    const models = new Map<string, { key: Omit<DailyModelStat, keyof StatCounters>; counters: StatCounters }>();
    const categories = new Map<string, { key: Omit<DailyCategoryStat, keyof StatCounters>; counters: StatCounters }>();
    for (const log of inserted) {
      const increment = statIncrementFor(log);
      merge(models, `${increment.model.date}|${increment.model.tenant}|${increment.model.model}`, increment.model, increment.counters);
      if (increment.category) {
        const { date, tenant, category, tier } = increment.category;
        merge(categories, `${date}|${tenant}|${category}|${tier}`, increment.category, increment.counters);
      }
    }
    await upsertAll(this.collections.daily_model_stats, statUpdates(models));
    if (categories.size > 0) await upsertAll(this.collections.daily_category_stats, statUpdates(categories));
  }

  async queryRequestLogs(query: RequestLogQuery): Promise<RequestLogPage> {
    const limit = pageSize(query.limit);
    const filter: Filter<Document> = {};
    if (query.tenant !== undefined) filter['tenant'] = query.tenant;
    if (query.status !== undefined) filter['status'] = query.status;
    if (query.provider !== undefined) filter['provider'] = query.provider;
    if (query.category !== undefined) filter['category'] = query.category;
    if (query.tier !== undefined) filter['tier'] = query.tier;
    if (query.sessionId !== undefined) filter['sessionId'] = query.sessionId;
    const and: Filter<Document>[] = [];
    if (query.model !== undefined) and.push({ $or: [{ routedModel: query.model }, { requestedModel: query.model }] });
    if (query.from !== undefined || query.to !== undefined) {
      and.push({ timestamp: { ...(query.from !== undefined ? { $gte: query.from } : {}), ...(query.to !== undefined ? { $lt: query.to } : {}) } });
    }
    if (query.cursor !== undefined) {
      const after = decodeLogCursor(query.cursor);
      and.push({ $or: [{ timestamp: { $lt: after.timestamp } }, { timestamp: after.timestamp, _id: { $lt: after.id as never } }] });
    }
    if (and.length > 0) filter['$and'] = and;
    const documents = await this.collections.request_logs.find(filter).sort({ timestamp: -1, _id: -1 }).limit(limit + 1).toArray();
    const items = documents.slice(0, limit).map((document) => stripFields<RequestLog>(document, ['recordedAt']));
    const last = items[items.length - 1];
    return documents.length > limit && last ? { items, nextCursor: encodeLogCursor(last) } : { items };
  }

  async queryDailyStats(query: DailyStatsQuery): Promise<DailyStats> {
    const filter: Filter<Document> = { date: { $gte: query.from, $lte: query.to } };
    if (query.tenant !== undefined) filter['tenant'] = query.tenant;
    const [models, categories] = await Promise.all([
      this.collections.daily_model_stats.find(filter).toArray(),
      this.collections.daily_category_stats.find(filter).toArray(),
    ]);
    return {
      models: models.map((document) => stripFields<DailyModelStat>(document)),
      categories: categories.map((document) => stripFields<DailyCategoryStat>(document)),
    };
  }
}

/**
 * Unordered bulk upserts; an upsert that lost an insert race to another instance (E11000) is
 * retried, and then finds the document and updates it, so no increment is lost.
 */
async function upsertAll(collection: Collection<Document>, updates: AnyBulkWriteOperation<Document>[]): Promise<void> {
  let pending = updates;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    try {
      await collection.bulkWrite(pending, { ordered: false });
      return;
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError) || attempt >= 5) throw error;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.some((writeError) => writeError.code !== 11000)) throw error;
      pending = errors.map((writeError) => pending[writeError.index]).filter((update): update is AnyBulkWriteOperation<Document> => update !== undefined);
    }
  }
}

function operations(logs: readonly RequestLog[]): AnyBulkWriteOperation<Document>[] {
  return logs.map((log) => ({
    updateOne: {
      filter: { _id: log.id as never },
      update: { $setOnInsert: { ...withoutUndefined(log), recordedAt: new Date(log.timestamp) } },
      upsert: true,
    },
  }));
}

function merge<K>(target: Map<string, { key: K; counters: StatCounters }>, id: string, key: K, counters: StatCounters): void {
  const existing = target.get(id);
  if (!existing) {
    target.set(id, { key, counters: { ...counters } });
    return;
  }
  for (const field of STAT_COUNTER_FIELDS) existing.counters[field] += counters[field];
}

function statUpdates<K extends object>(groups: Map<string, { key: K; counters: StatCounters }>): AnyBulkWriteOperation<Document>[] {
  return [...groups.entries()].map(([id, group]) => ({
    updateOne: {
      filter: { _id: id as never },
      update: { $setOnInsert: group.key, $inc: group.counters as unknown as Record<string, number> },
      upsert: true,
    },
  }));
}
