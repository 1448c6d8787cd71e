import type { Clock } from '@refract/core';
import type { MongoClient, MongoClientOptions } from 'mongodb';
import type { ConfigFeedMode } from './feed/start-config-feed';

export interface MongoStorageOptions {
  /** Connection string. Default: `REFRACT_MONGODB_URI`, then `MONGODB_URI`. Ignored when `client` is given. */
  uri?: string;
  /** A connected (or connectable) client you own; `close()` then leaves it open. */
  client?: MongoClient;
  /** Database name. Default: the one in the URI path, else `refract`. */
  dbName?: string;
  /** Prefix of every collection name (default `refract_`). */
  collectionPrefix?: string;
  /** Extra driver options when this package creates the client. */
  clientOptions?: MongoClientOptions;
  /** How long to wait for MongoDB at startup before failing with a clear error (default 10 s). */
  connectTimeoutMs?: number;
  clock?: Clock;
  /** How config changes reach this instance: `auto` (default: change streams where available, else polling), `change-stream`, `polling`. */
  configFeed?: ConfigFeedMode;
  /** Poll interval of the polling feed (default 2000 ms): the longest a change takes to reach another instance. */
  pollIntervalMs?: number;
  /** Cached tenants, keys and rule sets are re-read at least this often even without a change (default 60 s). */
  cacheTtlMs?: number;
  /** Request logs are removed by a TTL index after this many days (default 90); `false` keeps them. */
  logRetentionDays?: number | false;
  /** Session state idle longer than this is forgotten (default 24 h). */
  sessionTtlMs?: number;
  /** Ledger reservations not settled within this are released by the sweep (default 15 min). */
  reservationTtlMs?: number;
  /** How often this instance sweeps expired reservations (default 60 s; 0 disables). */
  sweepIntervalMs?: number;
  /** Create collections' indexes on start (default true; needs the `createIndex` privilege). */
  createIndexes?: boolean;
  /** Background failures (feed, sweep, listeners). Default: console.error. */
  onError?: (error: unknown, context: string) => void;
}
