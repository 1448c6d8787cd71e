import { randomBytes } from 'node:crypto';
import { ManualClock } from '@refract/core';
import { dumpThroughApi, type StorageHarness } from '@refract/core/testing';
import { BSON, MongoClient } from 'mongodb';
import { createMongoStorage } from '../create-mongo-storage';
import type { MongoStorage } from '../mongo-storage';
import type { MongoStorageOptions } from '../mongo-storage-options';

let server: Promise<string> | undefined;

/**
 * The MongoDB the tests run against: `MONGODB_URI` when set (CI: `../shared/services/mongodb/start`),
 * else a real `mongod` started by mongodb-memory-server. When neither works the tests fail with
 * instructions; they never skip.
 */
export function testMongoUri(): Promise<string> {
  server ??= resolveUri();
  return server;
}

async function resolveUri(): Promise<string> {
  const fromEnvironment = process.env['MONGODB_URI'];
  if (fromEnvironment) return fromEnvironment;
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const memory = await MongoMemoryServer.create();
    process.once('exit', () => void memory.stop());
    return memory.getUri();
  } catch (error) {
    throw new Error(
      'MongoDB tests need a server and none could be started. Set MONGODB_URI to a MongoDB you can write to, ' +
        'or run `export "$(../shared/services/mongodb/start)"` from the repository root (CI does this in .ci/run). ' +
        `mongodb-memory-server could not start a mongod: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * A fresh database with two storages on it (two instances, each with its own client), a manual
 * clock starting now, and a fast polling feed.
 */
export async function mongoHarness(
  overrides: Partial<MongoStorageOptions> = {},
): Promise<StorageHarness & { storage: MongoStorage; peer: MongoStorage; dbName: string; uri: string }> {
  const uri = await testMongoUri();
  const dbName = `refract_test_${randomBytes(6).toString('hex')}`;
  const clock = new ManualClock(Date.now());
  const options: MongoStorageOptions = { uri, dbName, clock, pollIntervalMs: 50, sweepIntervalMs: 0, onError: () => {}, ...overrides };
  const storage = await createMongoStorage(options);
  const peer = await createMongoStorage({ ...options, createIndexes: false });
  return {
    uri,
    dbName,
    storage,
    peer,
    clock,
    async propagate() {
      await storage.syncConfig();
      await peer.syncConfig();
    },
    async dump() {
      const client = new MongoClient(uri);
      try {
        const db = client.db(dbName);
        const parts: string[] = [];
        for (const collection of await db.listCollections().toArray()) {
          const documents = await db.collection(collection.name).find({}).toArray();
          parts.push(`${collection.name}: ${BSON.EJSON.stringify(documents)}`);
        }
        return parts.join('\n') + (await dumpThroughApi(storage, (await storage.listTenants()).map((tenant) => tenant.slug)));
      } finally {
        await client.close();
      }
    },
    async cleanup() {
      await peer.close();
      await storage.db.dropDatabase().catch(() => {});
      await storage.close();
    },
  };
}
