import { describe, expect, it } from 'vitest';
import { CategorySet } from '../../catalog/category-set';
import { ProviderError } from '../../errors/provider-error';
import { RefractError } from '../../errors/refract-error';
import { heuristicTokenizer } from '../../tokenizer/tokenizer';
import { createClassifierInputBuilder } from '../build-classifier-input';
import type { ClassifierInput } from '../classifier';
import { createLlmClassifier, promptTokens } from './create-llm-classifier';
import { completion, hangUntilAborted, hugeConversation, scriptedAdapter, verdictJson } from './llm.fixtures';

const toInput = createClassifierInputBuilder();
const ask = (content: string): ClassifierInput => toInput({ model: 'auto', messages: [{ role: 'user', content }] });
const signal = (): AbortSignal => new AbortController().signal;
const pricing = { input: 0.15, output: 0.6 };

describe('createLlmClassifier: structured answers', () => {
  it('asks for a strict JSON schema on OpenAI-type adapters and maps every field', async () => {
    const adapter = scriptedAdapter([completion(verdictJson({ domain: 'Tech', language: 'EN', estimated_output_length: 'long', frustration: true }), { usage: [1000, 50] })]);
    const classifier = createLlmClassifier({ adapter, model: 'gpt-4o-mini', pricing });
    const result = await classifier.classify(ask('My function returns undefined, can you fix it?'), { signal: signal() });
    expect(result).toMatchObject({
      category: 'coding_medium',
      tier: 'medium',
      complexity: 0.55,
      confidence: 0.86,
      domain: 'tech',
      language: 'en',
      estimatedOutput: 'long',
      frustration: true,
      hasImage: false,
      source: 'llm:gpt-4o-mini',
      cached: false,
      usage: { inputTokens: 1000, outputTokens: 50 },
    });
    // (1000 × 0.15 + 50 × 0.6) / 1e6
    expect(result.costUsd).toBeCloseTo(0.00018, 12);
    const request = adapter.calls[0]?.request;
    expect(request).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, response_format: { type: 'json_schema', json_schema: { strict: true } } });
    expect(request?.tools).toBeUndefined();
  });

  it('forces a tool call on Anthropic-type adapters and reads the tool arguments', async () => {
    const adapter = scriptedAdapter([completion(null, { toolArguments: verdictJson({ category: 'legal_analysis', recommended_tier: 'advanced' }) })], 'anthropic');
    const result = await createLlmClassifier({ adapter, model: 'claude-haiku-4-5' }).classify(ask('Is this NDA clause enforceable?'), { signal: signal() });
    expect(result).toMatchObject({ category: 'legal_analysis', tier: 'advanced' });
    expect(adapter.calls[0]?.request).toMatchObject({ tool_choice: { type: 'function', function: { name: 'classify_request' } } });
    expect(adapter.calls[0]?.request.response_format).toBeUndefined();
  });

  it('prices with the catalog when no price is given', async () => {
    const adapter = scriptedAdapter([completion(verdictJson(), { usage: [2000, 100] })]);
    const result = await createLlmClassifier({ adapter, model: 'gpt-4o-mini' }).classify(ask('fix my code'), { signal: signal() });
    expect(result.costUsd).toBeGreaterThan(0);
  });
});

describe('createLlmClassifier: unstructured answers', () => {
  it('finds JSON in a fenced block inside prose', async () => {
    const adapter = scriptedAdapter([completion(`Sure! Here is my classification:\n\`\`\`json\n${verdictJson({ category: 'translation', recommended_tier: 'minimal' })}\n\`\`\`\nHope that helps.`)], 'mystery');
    const result = await createLlmClassifier({ adapter, model: 'some-model' }).classify(ask('Translate "good morning" into French'), { signal: signal() });
    expect(result).toMatchObject({ category: 'translation', tier: 'minimal' });
    expect(adapter.calls[0]?.request.response_format).toBeUndefined();
  });

  it('finds JSON between the first { and the last } of prose, and reads the seed field names', async () => {
    const answer = `The request is about math. {"category": "math_simple", "confidence": 85, "complexity": "simple", "cost_tier": "low", "user_frustration_signal": true} That's it.`;
    const adapter = scriptedAdapter([completion(answer)], 'mystery');
    const result = await createLlmClassifier({ adapter, model: 'm' }).classify(ask('What is 12 × 7?'), { signal: signal() });
    expect(result).toMatchObject({ category: 'math_simple', confidence: 0.85, complexity: 0.25, tier: 'low', frustration: true });
  });

  it('keeps the recommended tier within one step of the category tier', async () => {
    const adapter = scriptedAdapter([completion(verdictJson({ category: 'smalltalk_simple', recommended_tier: 'critical' }))]);
    const result = await createLlmClassifier({ adapter, model: 'm' }).classify(ask('hello there'), { signal: signal() });
    expect(result.tier).toBe('low');
    expect(result.reasoning).toMatch(/recommended critical, kept within 1 of minimal/);
  });
});

describe('createLlmClassifier: garbage, fallbacks and failures', () => {
  it('moves to the next model on garbage and on an unknown category, and sums the cost of every call', async () => {
    const first = scriptedAdapter([completion('I think this is about coding, probably.', { usage: [1000, 10] })]);
    const second = scriptedAdapter([completion(verdictJson({ category: 'coding_stuff' }), { usage: [1000, 10] })]);
    const third = scriptedAdapter([completion(verdictJson({ category: 'error_debugging' }), { usage: [1000, 10] })]);
    const classifier = createLlmClassifier({
      adapters: [
        { adapter: first, model: 'a', pricing },
        { adapter: second, model: 'b', pricing },
        { adapter: third, model: 'c', pricing },
      ],
    });
    const result = await classifier.classify(ask('Why does this throw a TypeError?'), { signal: signal() });
    expect(result).toMatchObject({ category: 'error_debugging', source: 'llm:c', usage: { inputTokens: 3000, outputTokens: 30 } });
    expect(result.costUsd).toBeCloseTo((3 * (1000 * 0.15 + 10 * 0.6)) / 1e6, 12);
    expect(result.reasoning).toMatch(/a: the answer holds no JSON object; b: unknown category 'coding_stuff'/);
    expect([first.calls.length, second.calls.length, third.calls.length]).toEqual([1, 1, 1]);
  });

  it('fails with every attempt named when no model gives a usable verdict', async () => {
    const classifier = createLlmClassifier({
      adapters: [
        { adapter: scriptedAdapter([completion('{"category": 42}')]), model: 'a' },
        { adapter: scriptedAdapter([new ProviderError({ provider: 'fake', kind: 'server', message: 'upstream 500' })]), model: 'b' },
      ],
    });
    const failure = await classifier.classify(ask('hi'), { signal: signal() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RefractError);
    expect((failure as RefractError).code).toBe('REFRACT_ERR_CLASSIFIER');
    expect((failure as Error).message).toMatch(/a: answer is not a verdict.*b: .*upstream 500/);
  });

  it('asks again without structured output when the provider refuses it', async () => {
    const adapter = scriptedAdapter([new ProviderError({ provider: 'vllm', kind: 'bad_request', providerStatus: 400, message: 'response_format json_schema is not supported' }), completion(verdictJson())]);
    const result = await createLlmClassifier({ adapter, model: 'm' }).classify(ask('fix my code'), { signal: signal() });
    expect(result.category).toBe('coding_medium');
    expect(adapter.calls[0]?.request.response_format).toBeDefined();
    expect(adapter.calls[1]?.request.response_format).toBeUndefined();
  });

  it('rejects a model list that is empty or longer than primary plus two fallbacks', () => {
    const adapter = scriptedAdapter([]);
    expect(() => createLlmClassifier({})).toThrow(/needs `adapter` and `model`/);
    expect(() => createLlmClassifier({ adapters: [1, 2, 3, 4].map((n) => ({ adapter, model: `m${n}` })) })).toThrow(/at most two fallback/);
  });
});

describe('createLlmClassifier: deadlines and aborts', () => {
  it('gives up on a model that does not answer in time (aborting its call) and uses the fallback', async () => {
    let abortedAt = 0;
    const slow = scriptedAdapter([hangUntilAborted(() => (abortedAt = performance.now()))]);
    const fast = scriptedAdapter([completion(verdictJson())]);
    const classifier = createLlmClassifier({ adapters: [{ adapter: slow, model: 'slow' }, { adapter: fast, model: 'fast' }], timeoutMs: 60 });
    const started = performance.now();
    const result = await classifier.classify(ask('fix my code'), { signal: signal() });
    expect(result.source).toBe('llm:fast');
    expect(slow.calls[0]?.aborted).toBe(true);
    expect(abortedAt - started).toBeGreaterThanOrEqual(50);
    expect(abortedAt - started).toBeLessThan(1000);
    expect(result.reasoning).toMatch(/slow: \[fake\] slow gave no answer within 60 ms/);
  });

  it('stops at once, trying no fallback, when the caller aborts; even an adapter that ignores its signal cannot hold it', async () => {
    const deaf = scriptedAdapter([() => new Promise(() => undefined)]);
    const fallback = scriptedAdapter([completion(verdictJson())]);
    const classifier = createLlmClassifier({ adapters: [{ adapter: deaf, model: 'deaf' }, { adapter: fallback, model: 'fallback' }], timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('router deadline')), 40);
    const started = performance.now();
    await expect(classifier.classify(ask('fix my code'), { signal: controller.signal })).rejects.toThrow('router deadline');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(deaf.calls[0]?.aborted).toBe(true);
    expect(fallback.calls).toHaveLength(0);
  });
});

describe('createLlmClassifier: cache', () => {
  it('answers a repeated request from the cache at no cost, ignoring whitespace differences', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson(), { usage: [800, 30] }));
    const classifier = createLlmClassifier({ adapter, model: 'gpt-4o-mini', pricing });
    const first = await classifier.classify(ask('Please fix   my code'), { signal: signal() });
    const second = await classifier.classify(ask('Please fix my code  '), { signal: signal() });
    expect(adapter.calls).toHaveLength(1);
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ category: first.category, tier: first.tier, cached: true, costUsd: 0 });
    expect(second.usage).toBeUndefined();
    await classifier.classify(ask('Please fix my other code'), { signal: signal() });
    expect(adapter.calls).toHaveLength(2);
  });

  it('keys the cache by the category set too, and can be turned off', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson()));
    const classifier = createLlmClassifier({ adapter, model: 'm' });
    const input = ask('Please fix my code');
    await classifier.classify(input, { signal: signal() });
    const changed = CategorySet.builtIn().with([{ key: 'support_ticket', name: 'Support ticket', tier: 'low', examples: ['Customer cannot log in'] }]);
    await classifier.classify({ ...input, categories: changed.all() }, { signal: signal() });
    expect(adapter.calls).toHaveLength(2);
    const uncached = createLlmClassifier({ adapter, model: 'm', cache: false });
    await uncached.classify(input, { signal: signal() });
    await uncached.classify(input, { signal: signal() });
    expect(adapter.calls).toHaveLength(4);
  });
});

describe('createLlmClassifier: input cap', () => {
  const big = toInput(hugeConversation(500_000));

  it.each(['metadata_only', 'truncate', 'summary'] as const)('keeps a 500 KB conversation within the cap (%s)', async (inputStrategy) => {
    expect(JSON.stringify(big.request).length).toBeGreaterThan(500_000);
    for (const cap of [1500, 4000]) {
      const adapter = scriptedAdapter(() => completion(verdictJson()));
      await createLlmClassifier({ adapter, model: 'm', inputStrategy, maxInputTokens: cap, cache: false }).classify(big, { signal: signal() });
      const sent = adapter.calls[0]?.request;
      if (!sent) throw new Error('no request sent');
      expect(promptTokens(sent, heuristicTokenizer)).toBeLessThanOrEqual(cap);
      expect(JSON.stringify(sent).length).toBeLessThan(cap * 8);
    }
  });

  it('never exceeds the rule set limit, even when maxInputTokens asks for more', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson()));
    const input = { ...big, settings: { ...big.settings, contextLimitTokens: 2000 } };
    await createLlmClassifier({ adapter, model: 'm', maxInputTokens: 100_000 }).classify(input, { signal: signal() });
    expect(promptTokens(adapter.calls[0]?.request ?? big.request, heuristicTokenizer)).toBeLessThanOrEqual(2000);
  });

  it('summary: the last user message in full, other messages as their signals', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson()));
    await createLlmClassifier({ adapter, model: 'm', inputStrategy: 'summary' }).classify(big, { signal: signal() });
    const user = String(adapter.calls[0]?.request.messages[1]?.content);
    expect(user).toContain('[last user message] Now refactor the handlers into one generic handler with proper error handling and tests.');
    expect(user).toMatch(/- tool output read_file, ≈\d+ tokens, code: \w+/);
    expect(user).toMatch(/- assistant, ≈\d+ tokens, tool calls: read_file/);
    expect(user).toMatch(/- user, ≈\d+ tokens: "Step 0: read the handler files/);
    expect(user).toMatch(/^\[signals\] tokens≈\d+/m);
  });

  it('truncate: head and tail of the recent messages, the newest last', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson()));
    await createLlmClassifier({ adapter, model: 'm', inputStrategy: 'truncate' }).classify(big, { signal: signal() });
    const user = String(adapter.calls[0]?.request.messages[1]?.content);
    expect(user).toMatch(/characters cut\]…/);
    expect(user.indexOf('[user] Now refactor the handlers')).toBeGreaterThan(user.indexOf('[tool output]'));
  });

  it('shortens the category list for a small cap, and refuses a cap too small for any list', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson()));
    const small = { ...big, settings: { ...big.settings, contextLimitTokens: 800 } };
    await createLlmClassifier({ adapter, model: 'm' }).classify(small, { signal: signal() });
    const sent = adapter.calls[0]?.request;
    expect(promptTokens(sent ?? big.request, heuristicTokenizer)).toBeLessThanOrEqual(800);
    expect(String(sent?.messages[0]?.content)).toContain('\nsensitive_critical\n');
    const tiny = { ...big, settings: { ...big.settings, contextLimitTokens: 250 } };
    await expect(createLlmClassifier({ adapter, model: 'm' }).classify(tiny, { signal: signal() })).rejects.toThrow(/cap of 250 tokens is too small/);
  });
});

describe('createLlmClassifier: prompt', () => {
  it('lists every category under every tier, the expensive ones included, and the recommendable models of each tier', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson({ recommended_model: 'o3' })));
    const models = [
      { id: 'gpt-4.1-nano', tier: 'micro' as const },
      { id: 'gpt-4o-mini', tier: 'low' as const },
      ...Array.from({ length: 25 }, (_, index) => ({ id: `cheap-${index}`, tier: 'minimal' as const })),
      { id: 'o3', tier: 'high' as const },
      { id: 'claude-opus-4-6', tier: 'ultra' as const },
    ];
    const result = await createLlmClassifier({ adapter, model: 'm', models }).classify(ask('fix my code'), { signal: signal() });
    const system = String(adapter.calls[0]?.request.messages[0]?.content);
    for (const category of CategorySet.builtIn().all()) expect(system).toContain(category.key);
    for (const tier of ['[micro]', '[high]', '[ultra]', '[critical]']) expect(system).toContain(tier);
    expect(system).toContain('[ultra] claude-opus-4-6');
    expect(system).not.toContain('cheap-5');
    expect(result.recommendedModel).toBe('o3');
  });

  it('adds a hint when a system-prompt role matched, so the user request is judged', async () => {
    const withRole = createClassifierInputBuilder({ ruleSet: { name: 'roles', systemPromptRoles: [{ name: 'Code assistant', pattern: 'coding assistant', effect: { category: 'coding_medium' } }] } });
    const adapter = scriptedAdapter(() => completion(verdictJson()));
    const input = withRole({ model: 'auto', messages: [{ role: 'system', content: 'You are a coding assistant.' }, { role: 'user', content: 'Write a haiku about autumn' }] });
    await createLlmClassifier({ adapter, model: 'm' }).classify(input, { signal: signal() });
    expect(String(adapter.calls[0]?.request.messages[1]?.content)).toMatch(/\[hint\] The system prompt marks a "Code assistant" application: classify what the user asks/);
  });
});
