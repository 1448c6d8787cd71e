import { ManualClock } from '@refract/core';
import { makeTenant } from '@refract/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMongoStorage } from './create-mongo-storage';
import type { MongoStorage } from './mongo-storage';
import { hostAndPort, startTcpProxy } from './testing/tcp-proxy';
import { testMongoUri } from './testing/mongo-test-server';

describe('MongoDB unreachable', () => {
  it('fails at startup with REFRACT_ERR_STORAGE naming the host, without the password', async () => {
    const error = await createMongoStorage({ uri: 'mongodb://refract:s3cret-password@127.0.0.1:1/?directConnection=true', connectTimeoutMs: 300, onError: () => {} }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'REFRACT_ERR_STORAGE', status: 503 });
    const message = (error as Error).message;
    expect(message).toContain('Cannot reach MongoDB at mongodb://refract:***@127.0.0.1:1/');
    expect(message).toContain('within 300 ms');
    expect(message).not.toContain('s3cret-password');
  });

  it('asks for a connection string when there is none', async () => {
    const saved = { refract: process.env['REFRACT_MONGODB_URI'], plain: process.env['MONGODB_URI'] };
    delete process.env['REFRACT_MONGODB_URI'];
    delete process.env['MONGODB_URI'];
    try {
      await expect(createMongoStorage({})).rejects.toMatchObject({ code: 'REFRACT_ERR_CONFIG', message: expect.stringContaining('REFRACT_MONGODB_URI') });
    } finally {
      if (saved.refract !== undefined) process.env['REFRACT_MONGODB_URI'] = saved.refract;
      if (saved.plain !== undefined) process.env['MONGODB_URI'] = saved.plain;
    }
  });

  describe('after startup', () => {
    let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
    let storage: MongoStorage;
    const clock = new ManualClock(Date.now());
    beforeAll(async () => {
      const target = hostAndPort(await testMongoUri());
      proxy = await startTcpProxy(target.host, target.port);
      storage = await createMongoStorage({
        uri: `mongodb://127.0.0.1:${proxy.port}/?directConnection=true`,
        dbName: `refract_test_health_${process.pid}`,
        clock,
        cacheTtlMs: 1000,
        pollIntervalMs: 50,
        connectTimeoutMs: 500,
        clientOptions: { serverSelectionTimeoutMS: 500 },
        onError: () => {},
      });
    });
    afterAll(async () => {
      proxy.restore();
      await storage.db.dropDatabase().catch(() => {});
      await storage.close();
      await proxy.close();
    });

    it('serves cached config, reports degraded health, and fails uncached reads and writes with 503', async () => {
      await storage.putTenant(makeTenant({ slug: 'cached', routing: { costMode: 'economy' } }));
      expect((await storage.getTenant('cached'))?.routing.costMode).toBe('economy');
      expect((await storage.health()).status).toBe('ok');

      proxy.cut();
      clock.advance(5_000);
      expect((await storage.getTenant('cached'))?.routing.costMode).toBe('economy');
      await expect(storage.getTenant('never-seen')).rejects.toMatchObject({ code: 'REFRACT_ERR_STORAGE', status: 503 });
      await expect(storage.writeRequestLogs([])).resolves.toBeUndefined();
      await expect(storage.putTenant(makeTenant({ slug: 'new' }))).rejects.toMatchObject({ code: 'REFRACT_ERR_STORAGE' });
      await expect(storage.rateLimiter.consume({ scope: 'x', windowMs: 60_000, maxRequests: 1 }, { requests: 1, tokens: 0 })).rejects.toMatchObject({ code: 'REFRACT_ERR_STORAGE' });
      await expect(storage.ledger.usage('cached', 'day')).rejects.toMatchObject({ code: 'REFRACT_ERR_STORAGE' });
      const degraded = await storage.health();
      expect(degraded).toMatchObject({ backend: 'mongodb', status: 'degraded', servingFromCache: true });
      expect(degraded.lastError?.message).toBeTruthy();

      proxy.restore();
      const deadline = Date.now() + 10_000;
      let health = await storage.health();
      while (health.status !== 'ok' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        health = await storage.health();
      }
      expect(health).toMatchObject({ status: 'ok', servingFromCache: false });
      expect(await storage.getTenant('cached')).toMatchObject({ slug: 'cached' });
    });
  });
});
