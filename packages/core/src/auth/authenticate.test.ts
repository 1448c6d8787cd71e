import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock/clock';
import { isRefractError } from '../errors/refract-error';
import { createMemoryStorage } from '../storage/memory/create-memory-storage';
import { makeTenant } from '../testing/fixtures';
import { hashApiKey, hashesEqual } from './api-key';
import { authenticate, bearerToken } from './authenticate';
import { createKeyUsageTracker } from './key-usage-tracker';
import { createApiKey } from './manage-api-keys';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

async function setup() {
  const clock = new ManualClock(Date.UTC(2026, 2, 9, 12));
  const storage = createMemoryStorage({ clock });
  await storage.putTenant(makeTenant({ slug: 'acme' }));
  await storage.putTenant(makeTenant({ slug: 'globex' }));
  const acme = await createApiKey(storage, { tenant: 'acme', lifetimeDays: 1 }, clock);
  const globex = await createApiKey(storage, { tenant: 'globex' }, clock);
  return { clock, storage, acme, globex };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  return isRefractError(error) ? `${error.status} ${error.code}` : undefined;
}

describe('authenticate', () => {
  it('maps a bearer key to its tenant and key', async () => {
    const { storage, acme, clock } = await setup();
    const result = await authenticate(storage, `Bearer ${acme.plainKey}`, { clock });
    expect(result.tenant.slug).toBe('acme');
    expect(result.key.id).toBe(acme.key.id);
    expect((await authenticate(storage, `bearer   ${acme.plainKey} `, { clock })).tenant.slug).toBe('acme');
  });

  it('distinguishes missing, invalid, disabled and expired keys (401) and disabled tenants (403)', async () => {
    const { storage, acme, globex, clock } = await setup();
    expect(await codeOf(authenticate(storage, undefined, { clock }))).toBe('401 REFRACT_ERR_AUTH_MISSING');
    expect(await codeOf(authenticate(storage, 'Basic abc', { clock }))).toBe('401 REFRACT_ERR_AUTH_MISSING');
    expect(await codeOf(authenticate(storage, 'Bearer rk_nope', { clock }))).toBe('401 REFRACT_ERR_AUTH_INVALID');
    await storage.updateApiKey(globex.key.id, { enabled: false });
    expect(await codeOf(authenticate(storage, `Bearer ${globex.plainKey}`, { clock }))).toBe('401 REFRACT_ERR_AUTH_DISABLED');
    clock.advance(86_400_000);
    expect(await codeOf(authenticate(storage, `Bearer ${acme.plainKey}`, { clock }))).toBe('401 REFRACT_ERR_AUTH_EXPIRED');
    await storage.updateApiKey(acme.key.id, { expiresAt: null });
    await storage.putTenant(makeTenant({ slug: 'acme', enabled: false }));
    expect(await codeOf(authenticate(storage, `Bearer ${acme.plainKey}`, { clock }))).toBe('403 REFRACT_ERR_TENANT_DISABLED');
  });

  it('a key cannot be used for another tenant', async () => {
    const { storage, acme, clock } = await setup();
    expect(await codeOf(authenticate(storage, `Bearer ${acme.plainKey}`, { clock, tenant: 'globex' }))).toBe('401 REFRACT_ERR_AUTH_INVALID');
    expect((await authenticate(storage, `Bearer ${acme.plainKey}`, { clock, tenant: 'acme' })).tenant.slug).toBe('acme');
  });

  it('never puts the presented key in an error message', async () => {
    const { storage, acme, clock } = await setup();
    await storage.updateApiKey(acme.key.id, { enabled: false });
    for (const header of [`Bearer ${acme.plainKey}`, 'Bearer rk_secret_guess_123']) {
      const error = await authenticate(storage, header, { clock }).catch((caught: unknown) => caught);
      expect(String((error as Error).message)).not.toContain(header.slice(7));
      expect(JSON.stringify(error)).not.toContain(header.slice(7));
    }
  });

  it('compares hashes with crypto.timingSafeEqual', async () => {
    const { storage, acme, clock } = await setup();
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    await authenticate(storage, `Bearer ${acme.plainKey}`, { clock });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(hashesEqual(hashApiKey('a'), hashApiKey('a'))).toBe(true);
    expect(hashesEqual(hashApiKey('a'), hashApiKey('b'))).toBe(false);
    expect(hashesEqual('abc', 'abc')).toBe(false);
  });

  it('refuses a lookup that returns a record whose hash does not match (a lenient store)', async () => {
    const { storage, globex, clock } = await setup();
    const lenient = { getTenant: storage.getTenant.bind(storage), getApiKeyByHash: async () => globex.key };
    expect(await codeOf(authenticate(lenient, 'Bearer rk_someone_else', { clock }))).toBe('401 REFRACT_ERR_AUTH_INVALID');
  });

  it('records lastUsedAt in the background, at most once per interval', async () => {
    const { storage, acme, clock } = await setup();
    const touch = vi.spyOn(storage, 'touchApiKey');
    const usage = createKeyUsageTracker({ storage, clock, intervalMs: 60_000 });
    await authenticate(storage, `Bearer ${acme.plainKey}`, { clock, usage });
    await authenticate(storage, `Bearer ${acme.plainKey}`, { clock, usage });
    clock.advance(60_000);
    await authenticate(storage, `Bearer ${acme.plainKey}`, { clock, usage });
    await usage.drain();
    expect(touch).toHaveBeenCalledTimes(2);
    expect((await storage.getApiKey(acme.key.id))?.lastUsedAt).toBe(clock.now());
  });

  it('a failing lastUsedAt write never reaches the request', async () => {
    const { storage, acme, clock } = await setup();
    const errors: unknown[] = [];
    const usage = createKeyUsageTracker({ storage: { touchApiKey: async () => { throw new Error('db down'); } }, clock, onError: (error) => errors.push(error) });
    await expect(authenticate(storage, `Bearer ${acme.plainKey}`, { clock, usage })).resolves.toBeDefined();
    await usage.drain();
    expect(errors).toHaveLength(1);
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('')).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });
});
