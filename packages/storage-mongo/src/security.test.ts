import { randomBytes } from 'node:crypto';
import {
  authenticate,
  createAdmission,
  createAdminHandler,
  createCredentialVault,
  createKeyUsageTracker,
  createRecordWriter,
  createSecretBox,
  hashApiKey,
} from '@refract/core';
import { makeLog } from '@refract/core/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mongoHarness } from './testing/mongo-test-server';

const ADMIN = 'admin-token-for-the-security-test-0123456789';

describe('security on MongoDB', () => {
  let harness: Awaited<ReturnType<typeof mongoHarness>>;
  const printed: string[] = [];
  beforeAll(async () => {
    harness = await mongoHarness();
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
      });
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await harness?.cleanup();
  });

  it('plain keys and provider secrets appear in no stored document and no log line, whatever happens to them', async () => {
    const { storage, peer, clock } = harness;
    const encryptionKey = randomBytes(32);
    const vault = createCredentialVault({ store: storage, box: createSecretBox({ key: encryptionKey }), clock });
    const admin = createAdminHandler({ storage, ledger: storage.ledger, vault, clock, adminToken: ADMIN });
    const call = async (method: string, path: string, body?: unknown, token = ADMIN) =>
      (await admin(new Request(`http://localhost/admin${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) }))).json() as Promise<Record<string, any>>;

    await call('POST', '/tenants', { slug: 'acme', limits: { requestsPerMinute: 100 } });
    await call('POST', '/tenants', { slug: 'globex' });
    const acme: string = (await call('POST', '/tenants/acme/keys', { label: 'prod' })).api_key;
    const globex: string = (await call('POST', '/tenants/globex/keys', {})).api_key;
    const toRotate = await call('POST', '/tenants/acme/keys', {});
    const rotated: string = (await call('POST', `/tenants/acme/keys/${toRotate['id']}/rotate`, {})).api_key;
    const providerSecret = `sk-live-${randomBytes(16).toString('hex')}`;
    await call('PUT', '/tenants/acme/credentials/openai', { secret: providerSecret });

    const usage = createKeyUsageTracker({ storage, clock });
    const authenticated = await authenticate(peer, `Bearer ${acme}`, { clock, usage });
    await authenticate(peer, `Bearer ${acme}x`, { clock }).catch((error: unknown) => console.error('auth failed', error));
    await authenticate(peer, `Bearer ${toRotate['api_key']}`, { clock }).catch((error: unknown) => console.warn(error));
    await usage.drain();
    const admission = createAdmission({ rateLimiter: storage.rateLimiter, ledger: storage.ledger, clock });
    const outcome = await admission.admit({ tenant: authenticated.tenant, key: authenticated.key, inputTokens: 10, worstCaseUsd: 0.01 });
    if (outcome.admitted) await outcome.ticket.settle({ usd: 0.001, inputTokens: 10, outputTokens: 5 });
    const writer = createRecordWriter({ store: storage });
    writer.enqueue(makeLog({ tenant: 'acme', timestamp: clock.now(), keyPrefix: authenticated.key.prefix, keyId: authenticated.key.id }));
    await writer.close();
    expect(await vault.get('acme', 'openai')).toBe(providerSecret);

    const stored = await harness.dump();
    const output = printed.join('\n');
    for (const secret of [acme, globex, rotated, String(toRotate['api_key']), providerSecret]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(secret.slice(11));
      expect(output).not.toContain(secret.slice(11));
    }
    // What is stored instead: hashes and visible prefixes.
    expect(stored).toContain(hashApiKey(acme));
    expect(stored).toContain(acme.slice(0, 11));
    expect(output).toContain('auth failed');
  });

  it('stored credentials are unreadable without the encryption key', async () => {
    const { storage, peer, clock } = harness;
    const sealed = createCredentialVault({ store: storage, box: createSecretBox({ key: randomBytes(32) }), clock });
    await sealed.put('globex', 'anthropic', 'sk-ant-secret');
    const wrongKey = createCredentialVault({ store: peer, box: createSecretBox({ key: randomBytes(32) }), clock });
    await expect(wrongKey.get('globex', 'anthropic')).rejects.toMatchObject({ code: 'REFRACT_ERR_ENCRYPTION_KEY' });
    vi.stubEnv('REFRACT_ENCRYPTION_KEY', '');
    expect(() => createSecretBox()).toThrow(/REFRACT_ENCRYPTION_KEY is not set/);
    vi.unstubAllEnvs();
  });

  it("a tenant's key reads its own stats and logs through the admin API and never another tenant's", async () => {
    const { storage, clock } = harness;
    const admin = createAdminHandler({ storage, ledger: storage.ledger, clock, adminToken: ADMIN });
    const key = async (tenant: string) => {
      const response = await admin(new Request(`http://localhost/admin/tenants/${tenant}/keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: '{}' }));
      return String(((await response.json()) as Record<string, unknown>)['api_key']);
    };
    const globexKey = await key('globex');
    await storage.writeRequestLogs([makeLog({ tenant: 'acme', timestamp: clock.now(), routedModel: 'acme-private-model' })]);
    const get = async (path: string, token: string) => {
      const response = await admin(new Request(`http://localhost/admin${path}`, { headers: { authorization: `Bearer ${token}` } }));
      return { status: response.status, text: await response.text() };
    };
    for (const path of ['/logs?tenant=acme', '/stats?tenant=acme&group_by=model', '/tenants/acme', '/tenants/acme/keys', '/tenants/acme/usage']) {
      const response = await get(path, globexKey);
      expect([path, response.status]).toEqual([path, 403]);
      expect(response.text).not.toContain('acme-private-model');
    }
    const own = await get('/logs', globexKey);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('acme-private-model');
    const ownStats = await get('/stats?group_by=model', globexKey);
    expect(ownStats.text).not.toContain('acme-private-model');
  });
});
