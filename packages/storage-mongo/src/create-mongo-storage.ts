import {
  createLedger,
  createRateLimiter,
  RefractError,
  type Ledger,
  type RateLimiter,
  type RefractStorage,
  systemClock,
} from '@refract/core';
import { MongoClient } from 'mongodb';
import { collectionsOf, ensureIndexes } from './collections';
import { ConfigChangeLog } from './feed/config-change-log';
import { startConfigFeed } from './feed/start-config-feed';
import { HealthTracker } from './health-tracker';
import { guardMethods, messageOf, redactUri } from './mongo-errors';
import type { MongoStorageOptions } from './mongo-storage-options';
import { MongoStorage } from './mongo-storage';
import { MongoConfigStore } from './stores/mongo-config-store';
import { MongoIdempotencyStore } from './stores/mongo-idempotency-store';
import { MongoLedgerStore } from './stores/mongo-ledger-store';
import { MongoRateWindowStore } from './stores/mongo-rate-window-store';
import { MongoRecordStore } from './stores/mongo-record-store';
import { MongoStateStore } from './stores/mongo-state-store';

/**
 * Storage, rate limiter and ledger on MongoDB, shared by every instance that points at the same
 * database. Connects, creates indexes, starts the config change feed and the reservation sweep;
 * fails with `REFRACT_ERR_STORAGE` naming the host when MongoDB cannot be reached. Call
 * `close()` on shutdown.
 *
 * @example
 * const storage = await createMongoStorage({ uri: process.env.REFRACT_MONGODB_URI, dbName: 'refract' });
 * const admission = createAdmission({ rateLimiter: storage.rateLimiter, ledger: storage.ledger });
 * process.on('SIGTERM', () => void storage.close());
 */
export async function createMongoStorage(options: MongoStorageOptions = {}): Promise<MongoStorage> {
  const clock = options.clock ?? systemClock;
  const onError = options.onError ?? ((error: unknown, context: string) => console.error(`refract storage-mongo: ${context}:`, messageOf(error)));
  const uri = options.uri ?? process.env['REFRACT_MONGODB_URI'] ?? process.env['MONGODB_URI'];
  if (!options.client && !uri) {
    throw new RefractError('REFRACT_ERR_CONFIG', 'createMongoStorage needs a connection string: pass `uri`, set REFRACT_MONGODB_URI, or pass a `client`');
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const ownsClient = !options.client;
  const client =
    options.client ??
    new MongoClient(uri as string, { serverSelectionTimeoutMS: connectTimeoutMs, ignoreUndefined: true, appName: 'refract', ...options.clientOptions });
  const where = uri ? redactUri(uri) : 'the given MongoClient';
  try {
    await client.connect();
    await client.db(options.dbName).command({ ping: 1 });
  } catch (error) {
    if (ownsClient) await client.close().catch(() => {});
    throw new RefractError('REFRACT_ERR_STORAGE', `Cannot reach MongoDB at ${where} within ${connectTimeoutMs} ms: ${messageOf(error)}`, { cause: error });
  }

  const db = client.db(options.dbName ?? (dbNameInUri(uri) || 'refract'));
  const collections = collectionsOf(db, options.collectionPrefix ?? 'refract_');
  const logRetentionDays = options.logRetentionDays ?? 90;
  try {
    if (options.createIndexes !== false) await ensureIndexes(db, collections, logRetentionDays);
  } catch (error) {
    if (ownsClient) await client.close().catch(() => {});
    throw new RefractError('REFRACT_ERR_STORAGE', `Creating MongoDB indexes in ${db.databaseName} failed: ${messageOf(error)}`, { cause: error });
  }

  const health = new HealthTracker(() => clock.now());
  const changes = new ConfigChangeLog(collections, () => clock.now(), (error) => onError(error, 'a config change listener threw'));
  const config = new MongoConfigStore({ collections, changes, health, now: () => clock.now(), cacheTtlMs: options.cacheTtlMs ?? 60_000 });
  const hooks = { onFailure: (error: unknown) => health.failure(error), onSuccess: () => health.success() };
  const rateLimiter: RateLimiter = createRateLimiter({ store: guardMethods(new MongoRateWindowStore(collections.rate_windows), 'rate limit', hooks), clock });
  const ledger: Ledger = createLedger({
    store: guardMethods(new MongoLedgerStore(collections.ledger_windows), 'ledger', hooks),
    clock,
    ...(options.reservationTtlMs !== undefined ? { reservationTtlMs: options.reservationTtlMs } : {}),
  });
  let feed;
  try {
    feed = await startConfigFeed({
      collection: collections.config_changes,
      log: changes,
      onChange: (change) => config.invalidate(change),
      mode: options.configFeed ?? 'auto',
      pollIntervalMs: options.pollIntervalMs ?? 2_000,
      health,
      onError,
    });
  } catch (error) {
    if (ownsClient) await client.close().catch(() => {});
    throw new RefractError('REFRACT_ERR_STORAGE', messageOf(error), { cause: error });
  }

  return new MongoStorage({
    client,
    ownsClient,
    db,
    collections,
    clock,
    health,
    changes,
    config,
    records: new MongoRecordStore(collections),
    state: new MongoStateStore(collections.sessions, collections.context_windows, options.sessionTtlMs ?? 86_400_000, () => clock.now()),
    idempotency: new MongoIdempotencyStore(collections.idempotency),
    rateLimiter,
    ledger,
    feed,
    sweepIntervalMs: options.sweepIntervalMs ?? 60_000,
    onError,
  });
}

export type { RefractStorage };

function dbNameInUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
