import { describe, expect, it } from 'vitest';
import type { CategoryInput } from '../catalog/category';
import { DEFAULT_RULE_SET } from '../rules/built-in-rule-sets';
import { createRouter, LocalRoutingState } from './index';
import { say, testProviders } from './router.fixtures';

describe('per-tenant routing', () => {
  const router = createRouter({
    providers: testProviders,
    ruleSets: [
      {
        ...DEFAULT_RULE_SET,
        name: 'acme-rules',
        costMode: 'economy',
        keywordRules: [{ name: 'Invoices', keywords: ['invoice'], effect: { category: 'financial_analysis', tierMin: 'advanced' } }],
      },
    ],
    tenants: [
      { slug: 'acme', routing: { ruleSet: 'acme-rules' } },
      { slug: 'globex' },
      { slug: 'paused', enabled: false },
    ],
  });

  it('keeps each tenant on its own rule set, whatever the order of requests (the seed leaked one global slot)', async () => {
    const request = say('Please check this invoice for errors');
    for (let round = 0; round < 3; round += 1) {
      const acme = await router.route(request, { tenant: 'acme' });
      const globex = await router.route(request, { tenant: 'globex' });
      expect(acme).toMatchObject({ category: 'financial_analysis', costMode: 'economy' });
      expect(acme.trace.find((step) => step.name === 'rule-set')?.data?.['ruleSet']).toBe('acme-rules');
      expect(globex.category).not.toBe('financial_analysis');
      expect(globex.costMode).toBe('balanced');
    }
  });

  it('refuses a disabled tenant', async () => {
    await expect(router.route(say('hi'), { tenant: 'paused' })).rejects.toMatchObject({ code: 'REFRACT_ERR_TENANT_DISABLED', status: 403 });
  });
});

describe('model policy on requested, routed, fallback and upgraded models', () => {
  const router = createRouter({
    providers: testProviders,
    tenants: [{ slug: 'no-anthropic', models: { deny: ['anthropic/*'] } }, { slug: 'only-mini', models: { allow: ['gpt-4o-mini', 'gpt-4.1'] } }],
  });

  it('refuses a denied requested model with 403', async () => {
    await expect(router.route({ ...say('hi'), model: 'claude-haiku-4-5' }, { tenant: 'no-anthropic' })).rejects.toMatchObject({
      code: 'REFRACT_ERR_MODEL_NOT_ALLOWED',
      status: 403,
    });
  });

  it('never routes, falls back or upgrades to a denied model (the seed checked only the requested one)', async () => {
    const prompts = [
      'Prove that sqrt(2) is irrational, with a formal proof of correctness',
      'Review this architecture for scalability and design a system for 1M users',
      'hi',
      'Write a detailed essay on the history of Rome',
      'x '.repeat(200_000),
    ];
    for (const prompt of prompts) {
      const decision = await router.route(say(prompt), { tenant: 'no-anthropic' });
      expect(decision.provider).not.toBe('anthropic');
      expect(decision.fallbacks.every((target) => target.provider !== 'anthropic')).toBe(true);
    }
  });

  it('keeps an allow list to its models even when that crosses tiers', async () => {
    const decision = await router.route(say('Prove the Riemann hypothesis'), { tenant: 'only-mini' });
    expect(['gpt-4o-mini', 'gpt-4.1']).toContain(decision.model);
    for (const target of decision.fallbacks) expect(['gpt-4o-mini', 'gpt-4.1']).toContain(target.model);
  });
});

describe('force-route modes, aliases and the opt-out suffix', () => {
  const router = createRouter({
    providers: testProviders,
    tenants: [
      { slug: 'all', routing: { forceRouteMode: 'all' } },
      { slug: 'fim', routing: { forceRouteMode: 'fim_only' } },
      { slug: 'smart', routing: { forceRouteMode: 'smart' } },
      { slug: 'aliased', models: { aliases: { fast: 'gpt-4o-mini', smart: 'auto', claude: 'anthropic/claude-sonnet-4-5' } } },
    ],
  });

  it('all: routes a named model, never above its tier', async () => {
    const decision = await router.route({ ...say('hi there'), model: 'claude-sonnet-4-5' }, { tenant: 'all' });
    expect(decision.mode).toBe('force-routed');
    const hard = await router.route({ ...say('Prove that P != NP with a formal proof of correctness'), model: 'gpt-4o-mini' }, { tenant: 'all' });
    expect(['micro', 'minimal', 'low']).toContain(hard.tier);
  });

  it('fim_only: keeps the model unless the request is FIM', async () => {
    const chat = await router.route({ ...say('hi'), model: 'gpt-4o' }, { tenant: 'fim' });
    expect(chat).toMatchObject({ mode: 'explicit', model: 'gpt-4o' });
    const fim = await router.route({ ...say('<fim_prefix>def f():<fim_suffix><fim_middle>'), model: 'gpt-4o' }, { tenant: 'fim' });
    expect(fim).toMatchObject({ mode: 'force-routed', category: 'coding_autocomplete' });
  });

  it('smart: keeps the model for substantial work, routes trivial work', async () => {
    const substantial = await router.route({ ...say('Write a Python function to merge two sorted lists'), model: 'gpt-4o' }, { tenant: 'smart' });
    expect(substantial).toMatchObject({ mode: 'explicit', model: 'gpt-4o' });
    const trivial = await router.route({ ...say('Translate "hello" into Spanish'), model: 'gpt-4o' }, { tenant: 'smart' });
    expect(trivial.mode).toBe('force-routed');
  });

  it('the opt-out suffix keeps exactly the named model', async () => {
    const decision = await router.route({ ...say('hi there'), model: 'claude-sonnet-4-5!' }, { tenant: 'all' });
    expect(decision).toMatchObject({ mode: 'explicit', model: 'claude-sonnet-4-5' });
    expect(decision.trace.find((step) => step.name === 'selection')?.why).toMatch(/opt-out suffix/);
  });

  it('resolves aliases once, to a model, to auto, or to a provider-prefixed model', async () => {
    expect(await router.route({ ...say('hi'), model: 'fast' }, { tenant: 'aliased' })).toMatchObject({ model: 'gpt-4o-mini', mode: 'explicit' });
    expect((await router.route({ ...say('hi'), model: 'smart' }, { tenant: 'aliased' })).mode).toBe('auto');
    expect(await router.route({ ...say('hi'), model: 'claude' }, { tenant: 'aliased' })).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
  });
});

describe('cost modes, boosts, limits and the budget guard', () => {
  const router = createRouter({
    providers: testProviders,
    tenants: [
      { slug: 'thrifty', routing: { costMode: 'economy' } },
      { slug: 'picky', routing: { costMode: 'quality', tierBoost: 1 } },
      { slug: 'capped', routing: { maxTier: 'low' } },
    ],
  });
  const request = say('Write a Python function that merges two sorted lists and explain its complexity');

  it('economy shifts down, quality and a boost shift up', async () => {
    const balanced = await router.route(request);
    const thrifty = await router.route(request, { tenant: 'thrifty' });
    const picky = await router.route(request, { tenant: 'picky' });
    expect(thrifty.trace.find((step) => step.name === 'cost-mode')?.decided).toMatch(/→/);
    expect(thrifty.costMode).toBe('economy');
    expect(picky.trace.find((step) => step.name === 'cost-mode')?.why).toMatch(/quality.*tier boost \+1/);
    const order = ['micro', 'minimal', 'low', 'medium', 'advanced', 'high', 'ultra', 'critical'];
    expect(order.indexOf(thrifty.tier)).toBeLessThanOrEqual(order.indexOf(balanced.tier));
    expect(order.indexOf(picky.tier)).toBeGreaterThan(order.indexOf(balanced.tier));
  });

  it('honours the tenant max tier', async () => {
    const decision = await router.route(say('Design a distributed system for 1M users with high availability'), { tenant: 'capped' });
    expect(['micro', 'minimal', 'low']).toContain(decision.tier);
  });

  it('honours the budget guard: forced economy, blocked tiers, cheaper tiers searched first', async () => {
    const guarded = await router.route(request, { guard: { costMode: 'economy', blockedTiers: ['medium', 'high'] } });
    expect(guarded.costMode).toBe('economy');
    expect(['medium', 'high']).not.toContain(guarded.tier);
    expect(guarded.fallbacks.every((target) => !['medium', 'high'].includes(target.tier))).toBe(true);
  });
});

describe('context pre-flight', () => {
  const router = createRouter({ providers: [{ id: 'openai', models: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-4.1-mini'] }] });
  const long = (tokens: number) => 'lorem ipsum dolor sit amet consectetur '.repeat(Math.ceil(tokens / 7));

  it('moves a request that does not fit to a model with a larger window', async () => {
    const decision = await router.route({ ...say(long(150_000)), model: 'auto' });
    expect(['gpt-4.1', 'gpt-4.1-mini']).toContain(decision.model);
    expect(decision.contextWindow).toBeGreaterThan(150_000);
  });

  it('truncates an explicit model whose window is too small, keeping the last turn', async () => {
    const messages = [
      { role: 'user' as const, content: long(70_000) },
      { role: 'assistant' as const, content: 'noted' },
      { role: 'user' as const, content: long(70_000) },
      { role: 'assistant' as const, content: 'noted' },
      { role: 'user' as const, content: 'What did I say first?' },
    ];
    const decision = await router.route({ model: 'gpt-4o', messages });
    expect(decision.model).toBe('gpt-4o');
    expect(decision.warnings.map((warning) => warning.code)).toContain('context_truncated');
    expect(decision.request.messages.at(-1)).toEqual(messages.at(-1));
    expect(decision.request.messages.length).toBeLessThan(messages.length + 1);
  });

  it('uses a context window learned from a provider error', async () => {
    const learner = createRouter({ providers: [{ id: 'openai', models: ['gpt-4o-mini', 'gpt-4.1-mini'] }] });
    await learner.learnContextWindow('openai', 'gpt-4o-mini', 8000);
    const decision = await learner.route(say(long(9000) + ' summarize'));
    expect(decision.model).toBe('gpt-4.1-mini');
  });

  it('clamps max tokens to the model limit with a warning', async () => {
    const decision = await router.route({ ...say('hi'), model: 'gpt-4o', max_tokens: 100_000 });
    expect(decision.request.max_tokens).toBe(16_384);
    expect(decision.warnings.map((warning) => warning.code)).toContain('max_tokens_clamped');
  });
});

describe('categories from storage, invalidated on change (the seed never invalidated its category cache)', () => {
  it('picks up a new category after invalidate()', async () => {
    const extra: CategoryInput[] = [];
    const store = new (class extends LocalRoutingState {
      override async listCategories(): Promise<CategoryInput[]> {
        return extra;
      }
    })();
    const router = createRouter({
      providers: testProviders,
      ruleSets: [{ ...DEFAULT_RULE_SET, name: 'default' }],
      store,
    });
    expect(router.categories.get('support_ticket')).toBeUndefined();
    await router.route(say('hi'));
    extra.push({ key: 'support_ticket', name: 'Support ticket', tier: 'low' });
    router.invalidate();
    await router.route(say('hi'));
    expect(router.categories.get('support_ticket')?.tier).toBe('low');
  });
});
