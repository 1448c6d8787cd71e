import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, rotateApiKey } from '../auth/manage-api-keys';
import { isRefractError } from '../errors/refract-error';
import { ruleSetSchema } from '../rules/rule-set-schema';
import type { ConfigChange } from '../storage/config-change';
import { makeTenant } from './fixtures';
import { type StorageHarness, type StorageHarnessFactory, unique } from './harness';

/**
 * Contract of the configuration part of `Storage`: tenants, API keys, rule sets, categories,
 * credentials, and the change feed that reaches other instances.
 */
export function describeStorageConfigContract(name: string, factory: StorageHarnessFactory): void {
  describe(`Storage contract (config): ${name}`, () => {
    let harness: StorageHarness;
    beforeAll(async () => {
      harness = await factory();
    });
    afterAll(async () => {
      await harness?.cleanup();
    });

    it('stores, lists, replaces and deletes tenants, with defaults filled in', async () => {
      const { storage } = harness;
      const slug = unique('acme');
      expect(await storage.getTenant(slug)).toBeUndefined();
      await storage.putTenant(makeTenant({ slug, name: 'Acme', models: { aliases: { 'gpt-4.1': 'openai/gpt-4.1', fast: 'x' } } }));
      const stored = await storage.getTenant(slug);
      expect(stored).toMatchObject({ slug, name: 'Acme', enabled: true, quotas: [], models: { aliases: { 'gpt-4.1': 'openai/gpt-4.1' } } });
      expect((await storage.listTenants()).map((tenant) => tenant.slug)).toContain(slug);
      await storage.putTenant(makeTenant({ slug, enabled: false, budgets: { dailyUsd: 5 } }));
      expect(await storage.getTenant(slug)).toMatchObject({ enabled: false, budgets: { dailyUsd: 5 } });
      expect((await storage.getTenant(slug))?.name).toBeUndefined();
      expect(await storage.deleteTenant(slug)).toBe(true);
      expect(await storage.deleteTenant(slug)).toBe(false);
      expect(await storage.getTenant(slug)).toBeUndefined();
    });

    it('returns copies: mutating a returned value does not change what is stored', async () => {
      const { storage } = harness;
      const slug = unique('copy');
      const tenant = makeTenant({ slug, limits: { requestsPerMinute: 5 } });
      await storage.putTenant(tenant);
      tenant.limits.requestsPerMinute = 999;
      const first = await storage.getTenant(slug);
      if (first) first.limits.requestsPerMinute = 1000;
      expect((await storage.getTenant(slug))?.limits.requestsPerMinute).toBe(5);
    });

    it('creates keys with a unique hash, finds them by hash, lists them per tenant and never stores the plain key', async () => {
      const { storage } = harness;
      const slug = unique('keys');
      const other = unique('keys-other');
      await storage.putTenant(makeTenant({ slug }));
      await storage.putTenant(makeTenant({ slug: other }));
      const first = await createApiKey(storage, { tenant: slug, label: 'ci', lifetimeDays: 30 }, harness.clock);
      const second = await createApiKey(storage, { tenant: slug }, harness.clock);
      await createApiKey(storage, { tenant: other }, harness.clock);
      expect(first.plainKey).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
      expect(first.key.prefix).toBe(first.plainKey.slice(0, 11));
      expect(first.key.expiresAt).toBe(harness.clock.now() + 30 * 86_400_000);
      expect(await storage.getApiKeyByHash(first.key.hash)).toEqual(first.key);
      expect(await storage.getApiKey(second.key.id)).toEqual(second.key);
      expect((await storage.listApiKeys(slug)).map((key) => key.id).sort()).toEqual([first.key.id, second.key.id].sort());
      const duplicate = await storage.createApiKey({ ...second.key, id: 'key_duplicate_hash' }).catch((error: unknown) => error);
      expect(isRefractError(duplicate) && duplicate.code).toBe('REFRACT_ERR_ALREADY_EXISTS');
      const dump = await harness.dump();
      expect(dump).not.toContain(first.plainKey);
      expect(dump).not.toContain(first.plainKey.slice(11));
    });

    it('updates, rotates, touches and deletes keys', async () => {
      const { storage, clock } = harness;
      const slug = unique('rotate');
      await storage.putTenant(makeTenant({ slug }));
      const issued = await createApiKey(storage, { tenant: slug, label: 'old', expiresAt: clock.now() + 1000 }, clock);
      const patched = await storage.updateApiKey(issued.key.id, { enabled: false, label: null, expiresAt: null, limits: { requestsPerMinute: 3 } });
      expect(patched).toMatchObject({ enabled: false, limits: { requestsPerMinute: 3 } });
      expect(patched?.label).toBeUndefined();
      expect(patched?.expiresAt).toBeUndefined();
      const rotated = await rotateApiKey(storage, issued.key.id, {}, clock);
      expect(rotated.plainKey).not.toBe(issued.plainKey);
      expect(await storage.getApiKeyByHash(issued.key.hash)).toBeUndefined();
      expect((await storage.getApiKeyByHash(rotated.key.hash))?.id).toBe(issued.key.id);
      await storage.touchApiKey(issued.key.id, clock.now() + 5000);
      await storage.touchApiKey(issued.key.id, clock.now() + 1000);
      expect((await storage.getApiKey(issued.key.id))?.lastUsedAt).toBe(clock.now() + 5000);
      expect(await storage.updateApiKey('key_missing', { enabled: true })).toBeUndefined();
      expect(await storage.deleteApiKey(issued.key.id)).toBe(true);
      expect(await storage.getApiKeyByHash(rotated.key.hash)).toBeUndefined();
      expect(await storage.deleteApiKey(issued.key.id)).toBe(false);
    });

    it('deleting a tenant deletes its keys and credentials', async () => {
      const { storage, clock } = harness;
      const slug = unique('gone');
      await storage.putTenant(makeTenant({ slug }));
      const issued = await createApiKey(storage, { tenant: slug }, clock);
      await storage.putCredential({ tenant: slug, provider: 'openai', secret: fakeSecret(), createdAt: 1, updatedAt: 1 });
      await storage.deleteTenant(slug);
      expect(await storage.getApiKeyByHash(issued.key.hash)).toBeUndefined();
      expect(await storage.listApiKeys(slug)).toEqual([]);
      expect(await storage.getCredential(slug, 'openai')).toBeUndefined();
    });

    it('stores rule sets and categories by name and key', async () => {
      const { storage } = harness;
      const ruleSet = ruleSetSchema.parse({ name: unique('rules'), costMode: 'economy', keywordRules: [{ name: 'sql', keywords: ['select'], effect: { tierMin: 'low' } }] });
      await storage.putRuleSet(ruleSet);
      expect(await storage.getRuleSet(ruleSet.name)).toMatchObject({ name: ruleSet.name, costMode: 'economy' });
      expect((await storage.listRuleSets()).map((set) => set.name)).toContain(ruleSet.name);
      expect(await storage.deleteRuleSet(ruleSet.name)).toBe(true);
      expect(await storage.getRuleSet(ruleSet.name)).toBeUndefined();
      const key = unique('cat').replace(/-/g, '_');
      await storage.putCategory({ key, name: 'Legal drafting', tier: 'high' });
      expect((await storage.listCategories()).find((category) => category.key === key)).toMatchObject({ name: 'Legal drafting', tier: 'high' });
      expect(await storage.deleteCategory(key)).toBe(true);
      expect((await storage.listCategories()).some((category) => category.key === key)).toBe(false);
    });

    it('stores credentials per tenant and provider', async () => {
      const { storage } = harness;
      const slug = unique('creds');
      await storage.putCredential({ tenant: slug, provider: 'openai', secret: fakeSecret(), label: 'prod', createdAt: 1, updatedAt: 2 });
      await storage.putCredential({ tenant: slug, provider: 'anthropic', secret: fakeSecret(), createdAt: 1, updatedAt: 2 });
      expect(await storage.getCredential(slug, 'openai')).toMatchObject({ tenant: slug, provider: 'openai', label: 'prod', secret: { alg: 'aes-256-gcm' } });
      expect((await storage.listCredentials(slug)).map((record) => record.provider)).toEqual(['anthropic', 'openai']);
      expect(await storage.deleteCredential(slug, 'openai')).toBe(true);
      expect(await storage.getCredential(slug, 'openai')).toBeUndefined();
    });

    it('tells listeners on every instance about each kind of config change', async () => {
      const { storage, peer, clock } = harness;
      const seen: ConfigChange[] = [];
      const stop = peer.onConfigChange((change) => seen.push(change));
      const slug = unique('feed');
      await storage.putTenant(makeTenant({ slug }));
      const issued = await createApiKey(storage, { tenant: slug }, clock);
      const ruleSet = unique('feed-rules');
      await storage.putRuleSet({ name: ruleSet });
      await storage.putCategory({ key: unique('feed').replace(/-/g, '_'), name: 'Feed', tier: 'low' });
      await storage.updateApiKey(issued.key.id, { enabled: false });
      await harness.propagate();
      stop();
      expect(seen.some((change) => change.kind === 'tenant' && change.tenant === slug) || seen.some((change) => change.kind === 'all')).toBe(true);
      expect(seen.some((change) => change.kind === 'api_key' && change.id === issued.key.id && change.tenant === slug)).toBe(true);
      expect(seen.some((change) => change.kind === 'rule_set' && change.id === ruleSet)).toBe(true);
      expect(seen.some((change) => change.kind === 'category')).toBe(true);
      expect((await peer.getApiKeyByHash(issued.key.hash))?.enabled).toBe(false);
      expect(await peer.getTenant(slug)).toMatchObject({ slug });
    });

    it('a change made on one instance replaces what the other instance has cached', async () => {
      const { storage, peer } = harness;
      const slug = unique('cached');
      await storage.putTenant(makeTenant({ slug, routing: { costMode: 'quality' } }));
      await harness.propagate();
      expect((await peer.getTenant(slug))?.routing.costMode).toBe('quality');
      await storage.putTenant(makeTenant({ slug, routing: { costMode: 'economy' } }));
      await harness.propagate();
      expect((await peer.getTenant(slug))?.routing.costMode).toBe('economy');
      await storage.deleteTenant(slug);
      await harness.propagate();
      expect(await peer.getTenant(slug)).toBeUndefined();
    });

    it('reports its health', async () => {
      const health = await harness.storage.health();
      expect(health.status).toBe('ok');
      expect(health.backend).toBe(harness.storage.backend);
      expect(['local', 'change-stream', 'polling']).toContain(health.changeFeed);
      expect(health.servingFromCache).toBe(false);
    });
  });
}

function fakeSecret() {
  return { v: 1 as const, alg: 'aes-256-gcm' as const, kid: '0123456789abcdef', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', data: 'AAAA' };
}
