import { describe, expect, it } from 'vitest';
import { RefractError } from '../errors/refract-error';
import { RefractValidationError } from '../errors/validation-error';
import { createRouter, routerConfigJsonSchema } from './index';
import { say, testProviders } from './router.fixtures';

describe('createRouter config', () => {
  it('validates config and names the path of each problem', () => {
    expect(() => createRouter({ providers: [{ id: 'Bad Id', models: ['gpt-4o'] }] })).toThrow(RefractValidationError);
    expect(() => createRouter({ providers: [{ id: 'Bad Id', models: ['gpt-4o'] }] })).toThrow(/providers\.0\.id/);
    expect(() => createRouter({ providers: [{ id: 'x', models: [] }] })).toThrow(/providers\.0\.models: a provider needs at least one model/);
    expect(() => createRouter({ routing: { maxFallbacks: 99 } })).toThrow(/routing\.maxFallbacks/);
    expect(() => createRouter({ ruleSets: [{ name: 'mine', keywordRules: [{ name: 'k', keywords: ['x'], effect: { category: 'nope' } }] }] })).toThrow(
      /keywordRules\.0\.effect\.category: unknown category 'nope'/,
    );
  });

  it('exports a JSON Schema of the config', () => {
    const schema = routerConfigJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['providers', 'models', 'categories', 'ruleSets', 'tenants', 'routing']));
  });

  it('fails clearly for an unknown tenant rule set and an unknown tenant', async () => {
    const router = createRouter({ providers: testProviders, tenants: [{ slug: 'acme', routing: { ruleSet: 'missing' } }] });
    await expect(router.route(say('hi'), { tenant: 'acme' })).rejects.toThrow(/Unknown rule set 'missing'/);
    await expect(router.route(say('hi'), { tenant: 'nobody' })).rejects.toMatchObject({ code: 'REFRACT_ERR_TENANT_UNKNOWN', status: 404 });
  });

  it('rejects a malformed request with every offending path', async () => {
    const router = createRouter({ providers: testProviders });
    const error = await router.route({ model: 'auto', messages: [{ role: 'user' }], temperature: 9 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RefractValidationError);
    expect((error as RefractValidationError).issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['messages.0.content', 'temperature']));
  });
});

describe('router.route', () => {
  const router = createRouter({ providers: testProviders });

  it('routes `auto` and `auto-prism` alike (the seed routed only auto-prism)', async () => {
    const auto = await router.route(say('Translate "thank you" into French'));
    const prism = await router.route({ ...say('Translate "thank you" into French'), model: 'auto-prism' });
    expect(auto.mode).toBe('auto');
    expect(prism).toMatchObject({ mode: 'auto', model: auto.model, provider: auto.provider, category: 'translation' });
  });

  it('returns the full decision with a trace whose steps say what, why and how long', async () => {
    const decision = await router.route(say('Write a Python function that parses ISO dates and handles time zones'));
    expect(decision).toMatchObject({ tenant: 'default', requestedModel: 'auto', costMode: 'balanced', selectionMethod: 'benchmark' });
    expect(decision.complexity).toBeGreaterThan(0);
    expect(decision.complexity).toBeLessThanOrEqual(1);
    expect(decision.request.model).toBe(decision.model);
    const names = decision.trace.map((step) => step.name);
    expect(names).toEqual(expect.arrayContaining(['resolve-model', 'signals', 'rule-set', 'classifier', 'cost-mode', 'selection', 'context-preflight', 'fallbacks']));
    for (const step of decision.trace) {
      expect(step.decided.length).toBeGreaterThan(0);
      expect(step.why.length).toBeGreaterThan(0);
      expect(step.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(decision.candidates[0]).toMatchObject({ provider: decision.provider, model: decision.model });
  });

  it('keeps a concrete model when force-routing is off, and says 404 for an unknown one', async () => {
    const kept = await router.route({ ...say('hi'), model: 'gpt-4o' });
    expect(kept).toMatchObject({ mode: 'explicit', provider: 'openai', model: 'gpt-4o', selectionMethod: 'explicit' });
    const error = await router.route({ ...say('hi'), model: 'gpt-99' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RefractError);
    expect(error).toMatchObject({ code: 'REFRACT_ERR_MODEL_NOT_FOUND', status: 404, param: 'model' });
  });

  it('reads a provider prefix only when it names a configured provider', async () => {
    const prefixed = await router.route({ ...say('hi'), model: 'anthropic/claude-haiku-4-5' });
    expect(prefixed).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5' });
    await expect(router.route({ ...say('hi'), model: 'meta-llama/Llama-3-8b' })).rejects.toMatchObject({ code: 'REFRACT_ERR_MODEL_NOT_FOUND' });
    const byCatalogName = await router.route({ ...say('hi'), model: 'llama-3.1-8b' });
    expect(byCatalogName).toMatchObject({ provider: 'local', model: 'llama3.1:8b' });
  });

  it('routes images only to vision models and tool requests only to tool-capable ones', async () => {
    const image = await router.route({
      model: 'auto',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is on this receipt?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] }],
    });
    expect(router.deployment(image.provider, image.model)?.capabilities.vision).toBe(true);
    expect(image.category).not.toBe('coding_autocomplete');
    const tools = await router.route({ ...say('What is the weather in Paris?'), tools: [{ type: 'function', function: { name: 'weather' } }] });
    expect(router.deployment(tools.provider, tools.model)?.capabilities.tools).toBe(true);
    expect(tools.trace.some((step) => step.name === 'override:tool-calls')).toBe(true);
  });

  it('never lowers a tier through the confidence fallback', async () => {
    const unsure = await router.route(say('zxqv plorb'));
    expect(unsure.trace.find((step) => step.name === 'override:confidence-fallback')?.decided).toBe('micro → medium');
    const hard = await router.route(say('Prove that the halting problem is undecidable and give a formal proof of correctness of the reduction'));
    expect(hard.trace.some((step) => step.name === 'override:confidence-fallback')).toBe(false);
  });

  it('raises one tier when the session filled its window last time', async () => {
    const base = await router.route(say('Summarize our plan so far'));
    const filled = await router.route(say('Summarize our plan so far'), { previousSessionFill: 0.85 });
    expect(filled.trace.some((step) => step.name === 'override:session-context')).toBe(true);
    expect(filled.trace.find((step) => step.name === 'override:session-context')?.decided).toMatch(/→/);
    expect(base.trace.some((step) => step.name === 'override:session-context')).toBe(false);
  });

  it('reads the session fill from the store by session id', async () => {
    const sessions = createRouter({ providers: testProviders });
    await sessions.recordSessionFill('default', 'session-1', 120_000, 'openai', 'gpt-4o');
    const decision = await sessions.route(say('Summarize our plan so far'), { sessionId: 'session-1' });
    expect(decision.trace.some((step) => step.name === 'override:session-context')).toBe(true);
    const other = await sessions.route(say('Summarize our plan so far'), { sessionId: 'session-2' });
    expect(other.trace.some((step) => step.name === 'override:session-context')).toBe(false);
  });
});
