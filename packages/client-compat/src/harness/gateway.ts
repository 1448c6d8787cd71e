import { createApiKey, createMemoryStorage, createRouter, storageHooks, tenantSchema, type HandlerOptions, type Router, type TenantInput } from '@refract/core';
import { createAnthropicAdapter } from '@refract/adapters/anthropic';
import { createOpenAIAdapter } from '@refract/adapters/openai';
import { fakeAnthropicHandler, fakeOpenAIHandler, startFakeUpstream, type FakeUpstream } from '@refract/test-support';

/** A Refract router on two real wire formats, with storage, API keys and limits. */
export interface Gateway {
  router: Router;
  handlerOptions: HandlerOptions;
  /** Plain API keys: `acme` may use everything, `restricted` may not use gpt-4o, `tiny` may make one request a minute. */
  keys: { acme: string; restricted: string; tiny: string };
  openai: FakeUpstream;
  anthropic: FakeUpstream;
  close(): Promise<void>;
}

const TENANTS: TenantInput[] = [
  { slug: 'acme' },
  { slug: 'restricted', models: { deny: ['gpt-4o'] } },
  { slug: 'tiny', limits: { requestsPerMinute: 1 } },
];

/**
 * Builds the gateway the client tests talk to: an OpenAI-wire provider and an Anthropic-wire
 * provider, each a local fake upstream reached through its real adapter over a socket; in-memory
 * storage with three tenants and one key each, so authentication, policy and limits are live.
 *
 * @example
 * const gateway = await createGateway();
 * const server = await honoMount.start(gateway.router, gateway.handlerOptions);
 */
export async function createGateway(): Promise<Gateway> {
  const openai = await startFakeUpstream(fakeOpenAIHandler());
  const anthropic = await startFakeUpstream(fakeAnthropicHandler());
  const openaiAdapter = createOpenAIAdapter({ baseURL: `${openai.url}/v1`, apiKey: 'upstream-openai-key' });
  const anthropicAdapter = createAnthropicAdapter({ baseURL: anthropic.url, apiKey: 'upstream-anthropic-key' });
  const storage = createMemoryStorage();
  for (const tenant of TENANTS) await storage.putTenant(tenantSchema.parse(tenant));
  const router = createRouter({
    providers: [
      { id: 'openai', type: 'openai', models: ['gpt-4o-mini', 'gpt-4o', { id: 'text-embedding-3-small', tier: 'micro', pricing: { input: 0.02, output: 0 }, routable: false }] },
      { id: 'anthropic', type: 'anthropic', models: ['claude-haiku-4-5', 'claude-sonnet-4-5'] },
    ],
    adapters: { openai: openaiAdapter, anthropic: anthropicAdapter },
    store: storage,
  });
  const hooks = storageHooks(router, storage);
  const keys = {
    acme: (await createApiKey(storage, { tenant: 'acme' })).plainKey,
    restricted: (await createApiKey(storage, { tenant: 'restricted' })).plainKey,
    tiny: (await createApiKey(storage, { tenant: 'tiny' })).plainKey,
  };
  return {
    router,
    handlerOptions: hooks.handlerOptions,
    keys,
    openai,
    anthropic,
    async close() {
      await hooks.close();
      await openaiAdapter.close();
      await (anthropicAdapter as { close?: () => Promise<void> }).close?.();
      await openai.close();
      await anthropic.close();
    },
  };
}
