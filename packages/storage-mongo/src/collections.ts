import type { Collection, Db, Document, IndexDescription } from 'mongodb';
import { messageOf } from './mongo-errors';

/** Every collection this package uses, before the configurable prefix. */
export const COLLECTION_NAMES = [
  'tenants',
  'api_keys',
  'rule_sets',
  'categories',
  'credentials',
  'config_changes',
  'counters',
  'request_logs',
  'daily_model_stats',
  'daily_category_stats',
  'sessions',
  'context_windows',
  'idempotency',
  'rate_windows',
  'ledger_windows',
] as const;

export type CollectionName = (typeof COLLECTION_NAMES)[number];

export type Collections = { [Name in CollectionName]: Collection<Document> };

export function collectionsOf(db: Db, prefix: string): Collections {
  return Object.fromEntries(COLLECTION_NAMES.map((name) => [name, db.collection(`${prefix}${name}`)])) as Collections;
}

/**
 * The indexes, per collection. TTL indexes expire rate windows, idempotency records, sessions,
 * the config change log, old ledger windows and (when retention is set) request logs.
 */
export function indexPlan(logRetentionDays: number | false): Record<CollectionName, IndexDescription[]> {
  return {
    tenants: [],
    api_keys: [
      { key: { hash: 1 }, name: 'hash_unique', unique: true },
      { key: { tenant: 1, createdAt: 1 }, name: 'tenant_created' },
    ],
    rule_sets: [],
    categories: [],
    credentials: [{ key: { tenant: 1, provider: 1 }, name: 'tenant_provider' }],
    config_changes: [{ key: { expiresAt: 1 }, name: 'ttl', expireAfterSeconds: 0 }],
    counters: [],
    request_logs: [
      { key: { tenant: 1, timestamp: -1, _id: -1 }, name: 'tenant_time' },
      { key: { timestamp: -1, _id: -1 }, name: 'time' },
      ...(logRetentionDays === false ? [] : [{ key: { recordedAt: 1 }, name: 'retention_ttl', expireAfterSeconds: Math.round(logRetentionDays * 86_400) }]),
    ],
    daily_model_stats: [{ key: { tenant: 1, date: 1 }, name: 'tenant_date' }, { key: { date: 1 }, name: 'date' }],
    daily_category_stats: [{ key: { tenant: 1, date: 1 }, name: 'tenant_date' }, { key: { date: 1 }, name: 'date' }],
    sessions: [{ key: { expiresAt: 1 }, name: 'ttl', expireAfterSeconds: 0 }],
    context_windows: [],
    idempotency: [{ key: { expiresAt: 1 }, name: 'ttl', expireAfterSeconds: 0 }],
    rate_windows: [{ key: { expiresAt: 1 }, name: 'ttl', expireAfterSeconds: 0 }],
    ledger_windows: [
      { key: { expiresAt: 1 }, name: 'ttl', expireAfterSeconds: 0 },
      { key: { reservationCount: 1 }, name: 'open_reservations', partialFilterExpression: { reservationCount: { $gt: 0 } } },
    ],
  };
}

/**
 * Creates the collections' indexes (idempotent). A TTL index whose expiry changed (a new log
 * retention) is updated in place with `collMod`; without retention the TTL index is dropped.
 */
export async function ensureIndexes(db: Db, collections: Collections, logRetentionDays: number | false): Promise<void> {
  const plan = indexPlan(logRetentionDays);
  for (const name of COLLECTION_NAMES) {
    const collection = collections[name];
    const indexes = plan[name];
    const existing = await collection.indexes().catch(() => [] as Document[]);
    for (const index of indexes) {
      const current = existing.find((entry) => entry['name'] === index.name);
      if (current && index.expireAfterSeconds !== undefined && current['expireAfterSeconds'] !== index.expireAfterSeconds) {
        await db.command({ collMod: collection.collectionName, index: { name: index.name, expireAfterSeconds: index.expireAfterSeconds } });
        continue;
      }
      if (!current) {
        try {
          await collection.createIndexes([index]);
        } catch (error) {
          throw new Error(`creating index ${index.name} on ${collection.collectionName} failed: ${messageOf(error)}`, { cause: error });
        }
      }
    }
    if (name === 'request_logs' && logRetentionDays === false && existing.some((entry) => entry['name'] === 'retention_ttl')) {
      await collection.dropIndex('retention_ttl');
    }
  }
}
