import { describe, expect, it } from 'vitest';
import { mongoHarness } from './testing/mongo-test-server';
import { createMongoStorage } from './create-mongo-storage';

describe('indexes', () => {
  it('creates the unique key-hash index and the TTL indexes on start, and follows a changed log retention', async () => {
    const harness = await mongoHarness();
    try {
      const db = harness.storage.db;
      const indexes = async (name: string) => db.collection(`refract_${name}`).indexes();
      expect(await indexes('api_keys')).toContainEqual(expect.objectContaining({ name: 'hash_unique', unique: true, key: { hash: 1 } }));
      for (const name of ['rate_windows', 'idempotency', 'sessions', 'config_changes', 'ledger_windows']) {
        expect(await indexes(name)).toContainEqual(expect.objectContaining({ name: 'ttl', expireAfterSeconds: 0, key: { expiresAt: 1 } }));
      }
      expect(await indexes('request_logs')).toContainEqual(expect.objectContaining({ name: 'retention_ttl', expireAfterSeconds: 90 * 86_400 }));
      const shorter = await createMongoStorage({ uri: harness.uri, dbName: harness.dbName, logRetentionDays: 30, onError: () => {} });
      await shorter.close();
      expect(await indexes('request_logs')).toContainEqual(expect.objectContaining({ name: 'retention_ttl', expireAfterSeconds: 30 * 86_400 }));
      const keepForever = await createMongoStorage({ uri: harness.uri, dbName: harness.dbName, logRetentionDays: false, onError: () => {} });
      await keepForever.close();
      expect((await indexes('request_logs')).map((index: { name?: string }) => index.name)).not.toContain('retention_ttl');
    } finally {
      await harness.cleanup();
    }
  });
});
