import { describe, expect, it } from 'vitest';
import { createRouter } from '../../router';
import { say, testProviders } from '../../router/router.fixtures';
import { createLlmClassifier } from './create-llm-classifier';
import { completion, hangUntilAborted, scriptedAdapter, verdictJson } from './llm.fixtures';

const step = (decision: { trace: { name: string; decided: string; why: string }[] }, name: string) => decision.trace.find((entry) => entry.name === name);
const pricing = { input: 0.15, output: 0.6 };

describe('the LLM classifier inside the router', () => {
  it('routes by its verdict and shows its cost as routing cost', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson({ category: 'coding_complex', recommended_tier: 'advanced', reasoning: 'a refactoring across modules' }), { usage: [1200, 60] }));
    const router = createRouter({ providers: testProviders, classifier: createLlmClassifier({ adapter, model: 'gpt-4o-mini', pricing }) });
    const decision = await router.route(say('zxqv plorb refactor'));
    expect(decision).toMatchObject({ category: 'coding_complex', classifier: 'llm:gpt-4o-mini' });
    expect(decision.routingCostUsd).toBeCloseTo((1200 * 0.15 + 60 * 0.6) / 1e6, 12);
    expect(step(decision, 'classifier')?.why).toMatch(/a refactoring across modules/);
    const again = await router.route(say('zxqv plorb refactor'));
    expect(adapter.calls).toHaveLength(1);
    expect(again.routingCostUsd).toBe(0);
    expect(step(again, 'classifier')?.why).toMatch(/\(cached\)/);
  });

  it('cannot upsell past a rule cap: an ultra verdict on a chat-title request ends at the cap', async () => {
    const adapter = scriptedAdapter(() => completion(verdictJson({ category: 'reasoning_formal', recommended_tier: 'ultra', confidence: 0.95 })));
    const router = createRouter({ providers: testProviders, classifier: createLlmClassifier({ adapter, model: 'm' }) });
    const decision = await router.route(say('Generate a title for this chat please'));
    expect(adapter.calls).toHaveLength(1);
    expect(step(decision, 'hints')?.decided).toBe('ultra → micro');
    expect(['micro', 'minimal']).toContain(decision.tier);
  });

  it("stays inside the tenant's tier limits both ways", async () => {
    const high = scriptedAdapter(() => completion(verdictJson({ category: 'reasoning_deep', recommended_tier: 'high' })));
    const capped = createRouter({ providers: testProviders, routing: { maxTier: 'medium' }, classifier: createLlmClassifier({ adapter: high, model: 'm' }) });
    const down = await capped.route(say('zxqv plorb'));
    expect(down.tier).toBe('medium');
    expect(step(down, 'tier-limits')?.decided).toBe('high → medium');
    const low = scriptedAdapter(() => completion(verdictJson({ category: 'smalltalk_simple', recommended_tier: 'micro' })));
    const floored = createRouter({ providers: testProviders, routing: { minTier: 'low' }, classifier: createLlmClassifier({ adapter: low, model: 'm' }) });
    const up = await floored.route(say('zxqv plorb'));
    expect(up.tier).toBe('low');
  });

  it('has its recommended model taken only within one tier of the route', async () => {
    const models = [
      { id: 'gpt-4.1', tier: 'medium' as const },
      { id: 'claude-opus-4-6', tier: 'ultra' as const },
    ];
    const near = scriptedAdapter(() => completion(verdictJson({ category: 'coding_medium', recommended_model: 'gpt-4.1' })));
    const accepted = await createRouter({ providers: testProviders, classifier: createLlmClassifier({ adapter: near, model: 'm', models }) }).route(say('zxqv plorb'));
    expect(accepted).toMatchObject({ model: 'gpt-4.1', selectionMethod: 'classifier_recommendation' });
    const far = scriptedAdapter(() => completion(verdictJson({ category: 'smalltalk_simple', recommended_tier: 'minimal', recommended_model: 'claude-opus-4-6' })));
    const refused = await createRouter({ providers: testProviders, classifier: createLlmClassifier({ adapter: far, model: 'm', models }) }).route(say('zxqv plorb'));
    expect(refused.model).not.toBe('claude-opus-4-6');
    expect(refused.trace.some((entry) => entry.decided.startsWith('ignored classifier recommendation'))).toBe(true);
  });

  it('falls back to the signals when every model fails, and says why in the trace', async () => {
    const adapter = scriptedAdapter(() => completion('no idea, sorry'));
    const decision = await createRouter({ providers: testProviders, classifier: createLlmClassifier({ adapters: [{ adapter, model: 'a' }, { adapter, model: 'b' }] }) }).route(say('zxqv plorb'));
    expect(step(decision, 'classifier')).toMatchObject({ decided: expect.stringMatching(/^failed/), why: expect.stringMatching(/a: the answer holds no JSON object; b: the answer holds no JSON object/) });
    expect(decision.tier).toBe('medium');
  });

  it('is cut off by the router deadline, its upstream call aborted', async () => {
    let aborted = false;
    const adapter = scriptedAdapter([hangUntilAborted(() => (aborted = true))]);
    const router = createRouter({ providers: testProviders, routing: { classifierTimeoutMs: 50 }, classifier: createLlmClassifier({ adapter, model: 'm', timeoutMs: 10_000 }) });
    const started = performance.now();
    const decision = await router.route(say('zxqv plorb'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(aborted).toBe(true);
    expect(step(decision, 'classifier')?.why).toMatch(/no answer within 50 ms/);
  });
});
