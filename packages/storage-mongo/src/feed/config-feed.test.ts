import { makeTenant } from '@refract/core/testing';
import type { ConfigChange } from '@refract/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { collectionsOf } from '../collections';
import { createMongoStorage } from '../create-mongo-storage';
import { ConfigChangeLog } from './config-change-log';
import { PollingFeed } from './polling-feed';
import { mongoHarness, testMongoUri } from '../testing/mongo-test-server';

/** Whether this server accepts change streams (a replica set does; a standalone or DocumentDB does not). */
async function serverHasChangeStreams(uri: string): Promise<{ supported: boolean; code?: unknown }> {
  const client = new MongoClient(uri);
  try {
    await client.connect();
    const stream = client.db('refract_probe').collection('probe').watch();
    const outcome = await new Promise<{ supported: boolean; code?: unknown }>((resolve) => {
      stream.once('init', () => resolve({ supported: true }));
      stream.once('error', (error: { code?: unknown }) => resolve({ supported: false, code: error.code }));
      stream.on('change', () => {});
    });
    await stream.close().catch(() => {});
    return outcome;
  } finally {
    await client.close();
  }
}

describe('config change feed', () => {
  let uri: string;
  let probe: { supported: boolean; code?: unknown };
  beforeAll(async () => {
    uri = await testMongoUri();
    probe = await serverHasChangeStreams(uri);
  });

  it('auto mode picks change streams where the server has them and polling (saying why) where it has not', async () => {
    const harness = await mongoHarness();
    try {
      const storage = harness.storage;
      const health = await storage.health();
      if (probe.supported) {
        expect(storage.configFeedMode).toBe('change-stream');
        expect(health.changeFeed).toBe('change-stream');
      } else {
        expect(storage.configFeedMode).toBe('polling');
        expect(health.changeFeed).toBe('polling');
        expect(health.changeFeedDetail).toContain(`change streams unavailable (code ${String(probe.code)})`);
      }
    } finally {
      await harness.cleanup();
    }
  });

  it("'change-stream' mode uses a change stream, or fails at startup with a clear error when the server has none", async () => {
    if (probe.supported) {
      const harness = await mongoHarness({ configFeed: 'change-stream' });
      try {
        const seen: ConfigChange[] = [];
        harness.peer.onConfigChange((change) => seen.push(change));
        await harness.storage.putTenant(makeTenant({ slug: 'streamed' }));
        await harness.propagate();
        expect(seen.some((change) => change.kind === 'tenant' && change.id === 'streamed')).toBe(true);
        expect(harness.peer.configFeedMode).toBe('change-stream');
      } finally {
        await harness.cleanup();
      }
    } else {
      const dbName = `refract_test_forced_${process.pid}`;
      await expect(createMongoStorage({ uri, dbName, configFeed: 'change-stream', onError: () => {} })).rejects.toMatchObject({
        code: 'REFRACT_ERR_STORAGE',
        message: expect.stringContaining("configFeed 'change-stream' was requested but the server refused a change stream"),
      });
      const client = new MongoClient(uri);
      await client.db(dbName).dropDatabase().finally(() => client.close());
    }
  });

  describe('polling', () => {
    let harness: Awaited<ReturnType<typeof mongoHarness>>;
    beforeAll(async () => {
      harness = await mongoHarness({ configFeed: 'polling', pollIntervalMs: 30 });
    });
    afterAll(async () => harness?.cleanup());

    it('reaches the other instance on its own, within a few poll intervals, and invalidates its cache', async () => {
      const { storage, peer } = harness;
      await storage.putTenant(makeTenant({ slug: 'polled', routing: { costMode: 'quality' } }));
      expect((await peer.getTenant('polled'))?.routing.costMode).toBe('quality');
      await harness.propagate();
      const seen: ConfigChange[] = [];
      peer.onConfigChange((change) => seen.push(change));
      await storage.putTenant(makeTenant({ slug: 'polled', routing: { costMode: 'economy' } }));
      const deadline = Date.now() + 5_000;
      while (!seen.some((change) => change.id === 'polled') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen).toEqual([expect.objectContaining({ kind: 'tenant', id: 'polled', tenant: 'polled' })]);
      expect((await peer.getTenant('polled'))?.routing.costMode).toBe('economy');
    });

    it('the writing instance hears its own change once, at once', async () => {
      const seen: ConfigChange[] = [];
      harness.storage.onConfigChange((change) => seen.push(change));
      await harness.storage.putRuleSet({ name: 'own-change' });
      expect(seen.map((change) => change.id)).toEqual(['own-change']);
      await harness.propagate();
      expect(seen.map((change) => change.id)).toEqual(['own-change']);
    });

    it('a change whose sequence number lands late is still delivered (no change is skipped by ordering)', async () => {
      const { storage, peer } = harness;
      const seen: ConfigChange[] = [];
      peer.onConfigChange((change) => seen.push(change));
      const client = new MongoClient(harness.uri);
      try {
        await client.connect();
        const db = client.db(harness.dbName);
        // Two writers took sequence numbers n+1 and n+2; n+2 is written first.
        const counter = await db.collection('refract_counters').findOneAndUpdate({ _id: 'config_changes' as never }, { $inc: { seq: 2 } }, { returnDocument: 'after' });
        const last = Number(counter?.['seq']);
        const changes = db.collection('refract_config_changes');
        await changes.insertOne({ _id: last as never, kind: 'rule_set', id: 'second', at: Date.now(), expiresAt: new Date(Date.now() + 60_000) });
        await peer.syncConfig();
        await changes.insertOne({ _id: (last - 1) as never, kind: 'rule_set', id: 'first', at: Date.now(), expiresAt: new Date(Date.now() + 60_000) });
        await peer.syncConfig();
      } finally {
        await client.close();
      }
      expect(seen.map((change) => change.id).sort()).toEqual(['first', 'second']);
      await storage.putRuleSet({ name: 'after-gap' });
      await peer.syncConfig();
      expect(seen.map((change) => change.id)).toContain('after-gap');
    });

    it('a sequence number whose writer died is given up after the gap timeout, with an "all" change', async () => {
      const client = new MongoClient(harness.uri);
      try {
        await client.connect();
        const collections = collectionsOf(client.db(harness.dbName), 'refract_');
        const log = new ConfigChangeLog(collections, () => Date.now(), () => {});
        const start = await log.currentSequence();
        const seen: ConfigChange[] = [];
        log.emitter.subscribe((change) => seen.push(change));
        const invalidated: string[] = [];
        const feed = new PollingFeed({ collection: collections.config_changes, log, onChange: (change) => invalidated.push(change.kind), intervalMs: 60_000, gapTimeoutMs: 50, onError: () => {}, onRecovered: () => {} });
        feed.start(start);
        // start + 1 was taken by a writer that never wrote it; start + 2 arrives.
        await collections.config_changes.insertOne({ _id: (start + 2) as never, kind: 'category', id: 'late', at: Date.now(), expiresAt: new Date(Date.now() + 60_000) });
        await feed.pollNow();
        expect(seen.map((change) => change.kind)).toEqual(['category']);
        await new Promise((resolve) => setTimeout(resolve, 60));
        await feed.pollNow();
        expect(seen.map((change) => change.kind)).toEqual(['category', 'all']);
        expect(invalidated).toEqual(['category', 'all']);
        await collections.config_changes.insertOne({ _id: (start + 3) as never, kind: 'tenant', id: 'next', at: Date.now(), expiresAt: new Date(Date.now() + 60_000) });
        await feed.pollNow();
        expect(seen.map((change) => change.kind)).toEqual(['category', 'all', 'tenant']);
        await feed.stop();
      } finally {
        await client.close();
      }
    });
  });
});
