/**
 * @refract/storage-mongo: Refract's Storage, RateLimiter and Ledger on MongoDB, for many
 * instances sharing one replica set.
 */
export { createMongoStorage } from './create-mongo-storage';
export { MongoStorage } from './mongo-storage';
export type { MongoStorageOptions } from './mongo-storage-options';
export type { ConfigFeedMode } from './feed/start-config-feed';
export { COLLECTION_NAMES, indexPlan, type CollectionName } from './collections';
