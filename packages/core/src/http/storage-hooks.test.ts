import { describe, expect, it } from 'vitest';
import { scriptedAdapter } from '@refract/test-support';
import { createApiKey } from '../auth/manage-api-keys';
import { createRouter } from '../router/create-router';
import { createMemoryStorage } from '../storage/memory/create-memory-storage';
import { tenantSchema, type TenantInput } from '../tenants/tenant-schema';
import { createHandler } from './create-handler';
import { storageHooks } from './storage-hooks';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

async function setup(tenants: TenantInput[] = [{ slug: 'acme' }]) {
  const storage = createMemoryStorage();
  for (const tenant of tenants) await storage.putTenant(tenantSchema.parse(tenant));
  const adapter = scriptedAdapter('openai', [{ reply: 'hi there', usage: { input: 1000, output: 500 } }]);
  const router = createRouter({ providers: [{ id: 'openai', models: ['gpt-4o-mini', 'gpt-4o'] }], adapters: { openai: adapter }, store: storage });
  const hooks = storageHooks(router, storage, { adminToken: ADMIN_TOKEN });
  const handle = createHandler(router, hooks.handlerOptions);
  return { storage, router, hooks, handle, adapter };
}

const chat = (key?: string, extra: Record<string, string> = {}, body: Record<string, unknown> = {}) =>
  new Request('http://x/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Say hi to the team' }], ...body }),
  });

describe('storageHooks', () => {
  it('is open until the first key exists, then requires a valid key with distinct 401 codes', async () => {
    const { storage, handle, hooks } = await setup();
    expect((await handle(chat())).status).toBe(200);
    const { plainKey } = await createApiKey(storage, { tenant: 'acme', label: 'ci' });
    const missing = await handle(chat());
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
    const invalid = await handle(chat('rk_not-a-real-key'));
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
    const ok = await handle(chat(plainKey));
    expect(ok.status).toBe(200);
    await hooks.close();
  });

  it('records every request with the cost the client saw, and never the key', async () => {
    const { storage, handle, hooks } = await setup();
    const { plainKey, key } = await createApiKey(storage, { tenant: 'acme' });
    const body = (await (await handle(chat(plainKey))).json()) as { cost_info: { cost_usd: number }; id: string };
    await handle(chat(plainKey, {}, { model: 'gpt-99' }));
    await hooks.records.flush(2000);
    const page = await storage.queryRequestLogs({ tenant: 'acme' });
    expect(page.items).toHaveLength(2);
    const success = page.items.find((log) => log.status === 'success');
    expect(success).toMatchObject({ tenant: 'acme', keyPrefix: key.prefix, costUsd: body.cost_info.cost_usd, inputTokens: 1000, outputTokens: 500, autoRouted: true });
    expect(page.items.find((log) => log.status === 'error')).toMatchObject({ httpStatus: 404, errorCode: 'REFRACT_ERR_MODEL_NOT_FOUND' });
    expect(JSON.stringify(page.items)).not.toContain(plainKey);
    await hooks.close();
  });

  it('enforces the tenant RPM with 429 and retry headers', async () => {
    const { storage, handle, hooks } = await setup([{ slug: 'acme', limits: { requestsPerMinute: 2 } }]);
    const { plainKey } = await createApiKey(storage, { tenant: 'acme' });
    expect((await handle(chat(plainKey))).status).toBe(200);
    expect((await handle(chat(plainKey))).status).toBe(200);
    const limited = await handle(chat(plainKey));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { type: string } }).error.type).toBe('rate_limit_error');
    await hooks.close();
  });

  it('settles the budget to the actual cost and refuses once it is spent', async () => {
    const { storage, handle, hooks, router } = await setup([{ slug: 'acme', budgets: { dailyUsd: 0.0015 } }]);
    const { plainKey } = await createApiKey(storage, { tenant: 'acme' });
    const first = (await (await handle(chat(plainKey, {}, { max_tokens: 100 }))).json()) as { cost_info: { cost_usd: number } };
    await new Promise((resolve) => setTimeout(resolve, 20));
    const usage = await storage.ledger.usage('acme', 'day');
    expect(usage.counters.spent.usdMicros / 1e6).toBeCloseTo(first.cost_info.cost_usd, 6);
    expect(usage.counters.reserved.usdMicros).toBe(0);
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 10 && !refused; attempt += 1) {
      const response = await handle(chat(plainKey, {}, { max_tokens: 100 }));
      if (response.status === 429) refused = response;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(refused).toBeDefined();
    expect(((await refused!.json()) as { error: { code: string } }).error.code).toBe('budget_exceeded');
    void router;
    await hooks.close();
  });

  it('replays a non-stream request with the same Idempotency-Key without calling the provider again', async () => {
    const { handle, adapter, hooks } = await setup();
    const first = await handle(chat(undefined, { 'idempotency-key': 'abc-123' }));
    const second = await handle(chat(undefined, { 'idempotency-key': 'abc-123' }));
    expect(await second.text()).toBe(await first.text());
    expect(adapter.calls).toHaveLength(1);
    const conflict = await handle(chat(undefined, { 'idempotency-key': 'abc-123' }, { temperature: 0.5 }));
    expect(conflict.status).toBe(409);
    await hooks.close();
  });

  it('serves the admin API, and a tenant change made there reaches routing at once', async () => {
    const { handle, hooks } = await setup();
    const denied = await handle(new Request('http://x/admin/tenants'));
    expect(denied.status).toBe(401);
    const put = await handle(
      new Request('http://x/admin/tenants/acme', {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ slug: 'acme', models: { deny: ['gpt-4o'] } }),
      }),
    );
    expect(put.status).toBeLessThan(300);
    const response = await handle(new Request('http://x/api/acme/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    }));
    expect(response.status).toBe(403);
    const healthBody = (await (await handle(new Request('http://x/health'))).json()) as { storage: { backend: string; status: string } };
    expect(healthBody.storage).toMatchObject({ backend: 'memory', status: 'ok' });
    await hooks.close();
  });
});
