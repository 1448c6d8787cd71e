import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRefractError } from '../errors/refract-error';
import { createIdempotency } from '../idempotency/create-idempotency';
import type { StoredResponse } from '../idempotency/idempotency-store';
import { type StorageHarness, type StorageHarnessFactory, unique } from './harness';

const ok = (body: string): StoredResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body });

/** Contract of idempotency records, through `createIdempotency` on one or two instances. */
export function describeIdempotencyContract(name: string, factory: StorageHarnessFactory): void {
  describe(`Idempotency contract: ${name}`, () => {
    let harness: StorageHarness;
    beforeAll(async () => {
      harness = await factory();
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    it('answers once and replays within the TTL; after the TTL it runs again', async () => {
      const { storage, clock } = harness;
      const idempotency = createIdempotency({ store: storage, clock, ttlMs: 60_000 });
      const tenant = unique('idem');
      let runs = 0;
      const execute = async () => ok(`{"run":${++runs}}`);
      const body = { model: 'auto', messages: [{ role: 'user', content: 'hi' }] };
      const first = await idempotency.run({ tenant, key: 'k1', body }, execute);
      const second = await idempotency.run({ tenant, key: 'k1', body: { messages: body.messages, model: 'auto' } }, execute);
      expect(first).toEqual({ response: ok('{"run":1}'), replayed: false });
      expect(second).toEqual({ response: ok('{"run":1}'), replayed: true });
      expect(runs).toBe(1);
      const otherTenant = await idempotency.run({ tenant: unique('idem-other'), key: 'k1', body }, execute);
      expect(otherTenant.replayed).toBe(false);
      const saved = clock.now();
      clock.advance(60_001);
      expect((await idempotency.run({ tenant, key: 'k1', body }, execute)).replayed).toBe(false);
      clock.set(saved);
    });

    it('rejects the same key with a different body', async () => {
      const { storage, clock } = harness;
      const idempotency = createIdempotency({ store: storage, clock });
      const tenant = unique('idem-conflict');
      await idempotency.run({ tenant, key: 'k', body: { a: 1 } }, async () => ok('{}'));
      const error = await idempotency.run({ tenant, key: 'k', body: { a: 2 } }, async () => ok('{}')).catch((caught: unknown) => caught);
      expect(isRefractError(error) && error.code).toBe('REFRACT_ERR_IDEMPOTENCY_CONFLICT');
      expect(isRefractError(error) && error.status).toBe(409);
    });

    it('a concurrent duplicate on another instance waits for the first and gets its response', async () => {
      const { storage, peer, clock } = harness;
      const first = createIdempotency({ store: storage, clock, pollIntervalMs: 20 });
      const second = createIdempotency({ store: peer, clock, pollIntervalMs: 20 });
      const tenant = unique('idem-wait');
      let runs = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow = async () => {
        runs += 1;
        await gate;
        return ok('{"slow":true}');
      };
      const a = first.run({ tenant, key: 'k', body: {} }, slow);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const b = second.run({ tenant, key: 'k', body: {} }, slow);
      const c = first.run({ tenant, key: 'k', body: {} }, slow);
      await new Promise((resolve) => setTimeout(resolve, 100));
      release();
      const results = await Promise.all([a, b, c]);
      expect(runs).toBe(1);
      expect(results.map((result) => result.response.body)).toEqual(['{"slow":true}', '{"slow":true}', '{"slow":true}']);
      expect(results.map((result) => result.replayed)).toEqual([false, true, true]);
    });

    it('a failed run releases the key so a retry runs again; 5xx responses are not kept', async () => {
      const { storage, clock } = harness;
      const idempotency = createIdempotency({ store: storage, clock });
      const tenant = unique('idem-fail');
      await expect(idempotency.run({ tenant, key: 'k', body: {} }, async () => { throw new Error('provider down'); })).rejects.toThrow('provider down');
      const failed = await idempotency.run({ tenant, key: 'k', body: {} }, async () => ({ status: 502, headers: {}, body: '{}' }));
      expect(failed.replayed).toBe(false);
      const retried = await idempotency.run({ tenant, key: 'k', body: {} }, async () => ok('{"ok":1}'));
      expect(retried).toEqual({ response: ok('{"ok":1}'), replayed: false });
    });

    it('a claim whose holder vanished is taken over after its lease; the old holder cannot overwrite it', async () => {
      const { storage, clock } = harness;
      const tenant = unique('idem-lease');
      const now = clock.now();
      expect(await storage.claimIdempotencyKey({ tenant, key: 'k', fingerprint: 'f', token: 'old', now, leaseUntil: now + 1000 })).toEqual({ state: 'claimed' });
      expect(await storage.claimIdempotencyKey({ tenant, key: 'k', fingerprint: 'f', token: 'new', now: now + 10, leaseUntil: now + 1010 })).toMatchObject({ state: 'in_progress', fingerprint: 'f' });
      expect(await storage.claimIdempotencyKey({ tenant, key: 'k', fingerprint: 'f', token: 'new', now: now + 1001, leaseUntil: now + 2001 })).toEqual({ state: 'claimed' });
      await storage.completeIdempotencyKey(tenant, 'k', 'old', ok('"stale"'), now + 60_000);
      await storage.releaseIdempotencyKey(tenant, 'k', 'old');
      await storage.completeIdempotencyKey(tenant, 'k', 'new', ok('"fresh"'), now + 60_000);
      expect(await storage.claimIdempotencyKey({ tenant, key: 'k', fingerprint: 'f', token: 'x', now: now + 1500, leaseUntil: now + 2500 })).toEqual({ state: 'completed', fingerprint: 'f', response: ok('"fresh"') });
    });

    it('rejects keys that are empty, too long or not visible ASCII', async () => {
      const idempotency = createIdempotency({ store: harness.storage, clock: harness.clock });
      for (const key of ['', 'x'.repeat(256), 'with space', 'ümlaut']) {
        const error = await idempotency.run({ tenant: 't', key, body: {} }, async () => ok('{}')).catch((caught: unknown) => caught);
        expect(isRefractError(error) && error.code).toBe('REFRACT_ERR_VALIDATION');
      }
    });
  });
}
