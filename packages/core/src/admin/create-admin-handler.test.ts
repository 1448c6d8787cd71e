import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { authenticate } from '../auth/authenticate';
import { ManualClock } from '../clock/clock';
import { createCredentialVault } from '../secrets/credential-vault';
import { createSecretBox } from '../secrets/secret-box';
import { createMemoryStorage } from '../storage/memory/create-memory-storage';
import { makeLog } from '../testing/fixtures';
import { createAdminHandler } from './create-admin-handler';

const ADMIN = 'admin-token-0123456789-abcdefghij';

function setup(options: { adminToken?: string } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 2, 9, 12));
  const storage = createMemoryStorage({ clock });
  const vault = createCredentialVault({ store: storage, box: createSecretBox({ key: randomBytes(32) }), clock });
  const handler = createAdminHandler({ storage, ledger: storage.ledger, vault, clock, adminToken: options.adminToken ?? ADMIN });
  const call = async (method: string, path: string, body?: unknown, token: string | null = ADMIN) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const response = await handler(new Request(`http://localhost/admin${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) }));
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Record<string, any>, text };
  };
  return { clock, storage, handler, call };
}

describe('createAdminHandler: access', () => {
  it('refuses missing and wrong tokens with OpenAI-format bodies', async () => {
    const { call } = setup();
    const missing = await call('GET', '/tenants', undefined, null);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: { message: expect.any(String), type: 'authentication_error', param: null, code: 'missing_api_key' } });
    const wrong = await call('GET', '/tenants', undefined, 'not-the-admin-token-at-all');
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_api_key']);
  });

  it('without an admin token configured, the admin API is disabled', async () => {
    vi.stubEnv('REFRACT_ADMIN_TOKEN', '');
    const { call } = setup({ adminToken: '' });
    const response = await call('GET', '/tenants', undefined, 'anything');
    expect([response.status, response.body.error.code]).toEqual([403, 'admin_api_disabled']);
    vi.unstubAllEnvs();
  });

  it('rejects a short admin token at startup', () => {
    expect(() => createAdminHandler({ storage: createMemoryStorage(), adminToken: 'short' })).toThrow(/at least 24 characters/);
  });

  it('answers 404 for unknown routes and 405 for wrong methods', async () => {
    const { call } = setup();
    expect((await call('GET', '/nothing')).status).toBe(404);
    const wrongMethod = await call('DELETE', '/tenants');
    expect([wrongMethod.status, wrongMethod.body.error.message]).toEqual([405, expect.stringContaining('allowed: GET, POST')]);
  });
});

describe('createAdminHandler: tenants and keys', () => {
  it('creates, reads, patches, replaces and deletes tenants, validating with the tenant schema', async () => {
    const { call } = setup();
    const created = await call('POST', '/tenants', { slug: 'acme', name: 'Acme', limits: { requestsPerMinute: 60 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'acme', enabled: true, limits: { requestsPerMinute: 60 } });
    expect((await call('POST', '/tenants', { slug: 'acme' })).status).toBe(409);
    const invalid = await call('POST', '/tenants', { slug: 'Bad Slug', budgets: { dailyUsd: -1 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['budgets.dailyUsd', 'slug']);
    expect((await call('POST', '/tenants', '{not json')).body.error.code).toBe('invalid_json');
    const patched = await call('PATCH', '/tenants/acme', { limits: { tokensPerMinute: 1000 }, routing: { costMode: 'economy' } });
    expect(patched.body).toMatchObject({ name: 'Acme', limits: { requestsPerMinute: 60, tokensPerMinute: 1000 }, routing: { costMode: 'economy' } });
    const cleared = await call('PATCH', '/tenants/acme', { limits: { requestsPerMinute: null }, name: null });
    expect(cleared.body.limits).toEqual({ tokensPerMinute: 1000 });
    expect(cleared.body.name).toBeUndefined();
    expect((await call('PUT', '/tenants/acme', { enabled: false })).body).toMatchObject({ slug: 'acme', enabled: false, limits: {} });
    expect((await call('PUT', '/tenants/globex', { slug: 'other' })).status).toBe(400);
    expect((await call('PUT', '/tenants/globex', {})).status).toBe(201);
    expect((await call('GET', '/tenants')).body.data.map((tenant: { slug: string }) => tenant.slug)).toEqual(['acme', 'globex']);
    expect((await call('DELETE', '/tenants/acme')).body).toEqual({ slug: 'acme', deleted: true });
    expect((await call('GET', '/tenants/acme')).status).toBe(404);
  });

  it('returns a new key once; lists never show it or its hash; rotate, disable and delete take effect', async () => {
    const { call, storage, clock } = setup();
    await call('POST', '/tenants', { slug: 'acme' });
    const issued = await call('POST', '/tenants/acme/keys', { label: 'ci', expiresAt: '2026-04-01T00:00:00Z', limits: { requestsPerMinute: 5 } });
    expect(issued.status).toBe(201);
    const plain: string = issued.body.api_key;
    expect(plain).toMatch(/^rk_/);
    expect(issued.body).toMatchObject({ tenant: 'acme', label: 'ci', prefix: plain.slice(0, 11), expiresAt: Date.UTC(2026, 3, 1), limits: { requestsPerMinute: 5 } });
    expect(issued.body.hash).toBeUndefined();
    const list = await call('GET', '/tenants/acme/keys');
    expect(list.text).not.toContain(plain);
    expect(list.text).not.toContain('hash');
    expect((await authenticate(storage, `Bearer ${plain}`, { clock })).tenant.slug).toBe('acme');

    const id = issued.body.id as string;
    const rotated = await call('POST', `/tenants/acme/keys/${id}/rotate`, {});
    expect(rotated.body.api_key).not.toBe(plain);
    await expect(authenticate(storage, `Bearer ${plain}`, { clock })).rejects.toMatchObject({ code: 'REFRACT_ERR_AUTH_INVALID' });
    const current: string = rotated.body.api_key;
    expect((await call('POST', `/tenants/acme/keys/${id}/disable`)).body.enabled).toBe(false);
    await expect(authenticate(storage, `Bearer ${current}`, { clock })).rejects.toMatchObject({ code: 'REFRACT_ERR_AUTH_DISABLED' });
    expect((await call('POST', `/tenants/acme/keys/${id}/enable`)).body.enabled).toBe(true);
    expect((await call('PATCH', `/tenants/acme/keys/${id}`, { label: null, expiresAt: null })).body).not.toHaveProperty('label');
    expect((await call('PATCH', `/tenants/acme/keys/${id}`, { enabled: 'yes' })).status).toBe(400);
    expect((await call('DELETE', `/tenants/globex/keys/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/tenants/acme/keys/${id}`)).body).toEqual({ id, deleted: true });
    await expect(authenticate(storage, `Bearer ${current}`, { clock })).rejects.toMatchObject({ code: 'REFRACT_ERR_AUTH_INVALID' });
    expect((await call('POST', '/tenants/nobody/keys', {})).status).toBe(404);
  });

  it('stores provider credentials write-only', async () => {
    const { call, storage } = setup();
    await call('POST', '/tenants', { slug: 'acme' });
    const put = await call('PUT', '/tenants/acme/credentials/openai', { secret: 'sk-live-very-secret', label: 'prod' });
    expect(put.status).toBe(200);
    expect(put.text).not.toContain('sk-live-very-secret');
    const list = await call('GET', '/tenants/acme/credentials');
    expect(list.body.data).toEqual([expect.objectContaining({ tenant: 'acme', provider: 'openai', label: 'prod' })]);
    expect(list.text).not.toContain('sk-live-very-secret');
    expect(JSON.stringify(await storage.getCredential('acme', 'openai'))).not.toContain('sk-live-very-secret');
    expect((await call('DELETE', '/tenants/acme/credentials/openai')).body.deleted).toBe(true);
  });
});

describe('createAdminHandler: categories and rule sets', () => {
  it('CRUD with schema validation', async () => {
    const { call } = setup();
    expect((await call('POST', '/categories', { key: 'legal_review', name: 'Legal review', tier: 'high' })).status).toBe(201);
    expect((await call('POST', '/categories', { key: 'legal_review', name: 'x', tier: 'high' })).status).toBe(409);
    expect((await call('POST', '/categories', { key: 'Bad-Key', name: 'x', tier: 'giant' })).body.error.details.issues).toHaveLength(2);
    expect((await call('PUT', '/categories/legal_review', { name: 'Legal', tier: 'advanced' })).body).toMatchObject({ key: 'legal_review', tier: 'advanced' });
    expect((await call('GET', '/categories/legal_review')).body.name).toBe('Legal');
    expect((await call('DELETE', '/categories/legal_review')).status).toBe(200);
    expect((await call('GET', '/categories/legal_review')).status).toBe(404);

    expect((await call('POST', '/rule-sets', { name: 'strict', costMode: 'quality' })).status).toBe(201);
    const badRegex = await call('PUT', '/rule-sets/strict', { systemPromptRoles: [{ name: 'r', pattern: '(', effect: {} }] });
    expect(badRegex.body.error.message).toContain('not a valid regular expression');
    expect((await call('PUT', '/rule-sets/strict', { tierBoost: 1 })).body).toMatchObject({ name: 'strict', tierBoost: 1 });
    expect((await call('GET', '/rule-sets')).body.data.map((set: { name: string }) => set.name)).toEqual(['strict']);
    expect((await call('DELETE', '/rule-sets/strict')).status).toBe(200);
  });
});

describe('createAdminHandler: stats, logs and tenant isolation', () => {
  async function withTraffic() {
    const context = setup();
    const { call, storage, clock } = context;
    await call('POST', '/tenants', { slug: 'acme', budgets: { dailyUsd: 10 } });
    await call('POST', '/tenants', { slug: 'globex' });
    const acmeKey: string = (await call('POST', '/tenants/acme/keys', {})).body.api_key;
    const globexKey: string = (await call('POST', '/tenants/globex/keys', {})).body.api_key;
    const now = clock.now();
    await storage.writeRequestLogs([
      makeLog({ tenant: 'acme', timestamp: now - 86_400_000, routedModel: 'gpt-4o-mini', costUsd: 0.01, baselineCostUsd: 0.04, savedUsd: 0.03 }),
      makeLog({ tenant: 'acme', timestamp: now, routedModel: 'claude-haiku', category: 'translation', tier: 'low', costUsd: 0.02, baselineCostUsd: 0.04, savedUsd: 0.02 }),
      makeLog({ tenant: 'acme', timestamp: now + 1, status: 'error', routedModel: 'claude-haiku', errorCode: 'REFRACT_ERR_PROVIDER', costUsd: 0, baselineCostUsd: 0, savedUsd: 0 }),
      makeLog({ tenant: 'globex', timestamp: now, routedModel: 'gpt-4o', costUsd: 1, baselineCostUsd: 1, savedUsd: 0 }),
    ]);
    return { ...context, acmeKey, globexKey };
  }

  it('reports usage and savings by day, model, category and tier', async () => {
    const { call } = await withTraffic();
    const byDay = await call('GET', '/stats?tenant=acme&group_by=day');
    expect(byDay.body.rows.map((row: { key: string; requests: number }) => [row.key, row.requests])).toEqual([['2026-03-08', 1], ['2026-03-09', 2]]);
    expect(byDay.body.totals).toMatchObject({ requests: 3, errors: 1, costUsd: 0.03, baselineCostUsd: 0.08, savedUsd: 0.05 });
    expect(byDay.body.totals.savedShare).toBeCloseTo(0.625);
    const byModel = await call('GET', '/stats?tenant=acme&group_by=model&from=2026-03-09&to=2026-03-09');
    expect(byModel.body.rows.map((row: { key: string; requests: number; errors: number }) => [row.key, row.requests, row.errors])).toEqual([['claude-haiku', 2, 1]]);
    expect((await call('GET', '/stats?tenant=acme&group_by=category')).body.rows.map((row: { key: string }) => row.key)).toEqual(['coding', 'translation']);
    expect((await call('GET', '/stats?tenant=acme&group_by=tier')).body.rows.map((row: { key: string }) => row.key)).toEqual(['low', 'medium']);
    expect((await call('GET', '/stats?group_by=tenant')).body.rows.map((row: { key: string }) => row.key)).toEqual(['acme', 'globex']);
    expect((await call('GET', '/stats?group_by=week')).status).toBe(400);
    expect((await call('GET', '/stats?from=2026-03-10&to=2026-03-01')).status).toBe(400);
  });

  it('pages request logs with filters', async () => {
    const { call } = await withTraffic();
    const first = await call('GET', '/logs?tenant=acme&limit=2');
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data[0].status).toBe('error');
    const second = await call('GET', `/logs?tenant=acme&limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.next_cursor).toBeNull();
    expect((await call('GET', '/logs?tenant=acme&status=error')).body.data).toHaveLength(1);
    expect((await call('GET', '/logs?tenant=acme&model=gpt-4o-mini')).body.data).toHaveLength(1);
    expect((await call('GET', '/logs?from=2026-03-09T00:00:00Z')).body.data).toHaveLength(3);
    expect((await call('GET', '/logs?tier=giant')).status).toBe(400);
  });

  it("a tenant key reads its own tenant's stats, logs, keys and usage, and nothing of another tenant's", async () => {
    const { call, acmeKey, globexKey } = await withTraffic();
    const ownStats = await call('GET', '/stats?group_by=tenant', undefined, acmeKey);
    expect(ownStats.body.rows.map((row: { key: string }) => row.key)).toEqual(['acme']);
    const ownLogs = await call('GET', '/logs', undefined, acmeKey);
    expect(ownLogs.body.data.every((log: { tenant: string }) => log.tenant === 'acme')).toBe(true);
    expect((await call('GET', '/tenants/acme/usage', undefined, acmeKey)).body.windows.map((window: { window: string }) => window.window)).toEqual(['day', 'week', 'month']);
    for (const path of ['/stats?tenant=globex', '/logs?tenant=globex', '/tenants/globex', '/tenants/globex/keys', '/tenants/globex/usage']) {
      const response = await call('GET', path, undefined, acmeKey);
      expect([path, response.status, response.body.error?.code]).toEqual([path, 403, 'forbidden']);
      expect(response.text).not.toContain('gpt-4o"');
    }
    for (const [method, path] of [['GET', '/tenants'], ['POST', '/tenants/acme/keys'], ['DELETE', '/tenants/globex'], ['PUT', '/categories/x'], ['GET', '/rule-sets']] as const) {
      expect((await call(method, path, method === 'GET' ? undefined : {}, globexKey)).status).toBe(403);
    }
  });
});
