import { describe, expect, it } from 'vitest';
import type { Classifier, ClassifierInput, ClassifierResult } from '../classifier/classifier';
import { createRouter } from './index';
import { say, testProviders } from './router.fixtures';

/** A deterministic classifier that records its calls. */
function scripted(answer: (input: ClassifierInput) => ClassifierResult | Promise<ClassifierResult>): Classifier & { calls: ClassifierInput[] } {
  const calls: ClassifierInput[] = [];
  return {
    name: 'scripted',
    calls,
    async classify(input) {
      calls.push(input);
      return answer(input);
    },
  };
}

describe('the classifier in routing', () => {
  it('is called only when the rule-set confidence is below the threshold', async () => {
    const classifier = scripted(() => ({ category: 'coding_complex', confidence: 0.9 }));
    const router = createRouter({ providers: testProviders, classifier });
    await router.route(say('zxqv plorb'));
    expect(classifier.calls).toHaveLength(1);
    expect(classifier.calls[0]?.preRoute.confidence).toBeLessThan(0.65);
    await router.route(say('<fim_prefix>def f():<fim_suffix><fim_middle>'));
    expect(classifier.calls).toHaveLength(1);
    const confident = createRouter({ providers: testProviders, classifier, ruleSets: [{ name: 'sure', signalWeights: { tokenCount: 1, systemPromptRole: 1, contentKeywords: 1, codeLanguage: 1, conversationTurns: 1 }, keywordRules: [{ name: 'x', keywords: ['zxqv'], effect: { category: 'smalltalk_simple' } }] }], routing: { ruleSet: 'sure' } });
    await confident.route(say('zxqv plorb'));
    expect(classifier.calls).toHaveLength(1);
  });

  it('uses the classifier verdict, and records it in the trace', async () => {
    const classifier = scripted(() => ({ category: 'coding_complex', confidence: 0.9, complexity: 0.83, reasoning: 'a refactoring task', costUsd: 0.00002 }));
    const router = createRouter({ providers: testProviders, classifier });
    const decision = await router.route(say('zxqv plorb'));
    expect(decision).toMatchObject({ category: 'coding_complex', confidence: 0.9, complexity: 0.83, classifier: 'scripted', routingCostUsd: 0.00002 });
    expect(decision.trace.find((step) => step.name === 'classifier')?.why).toMatch(/a refactoring task/);
  });

  it('bounds the classifier both ways by the rule hints (the seed only raised)', async () => {
    const upsell = scripted(() => ({ category: 'reasoning_formal', tier: 'ultra', confidence: 0.95 }));
    const router = createRouter({ providers: testProviders, classifier: upsell });
    const title = await router.route(say('Generate a title for this chat please'));
    expect(upsell.calls).toHaveLength(1);
    expect(title.trace.find((step) => step.name === 'hints')?.decided).toBe('ultra → micro');
    expect(['micro', 'minimal']).toContain(title.tier);
    const floor = scripted(() => ({ category: 'smalltalk_simple', tier: 'micro', confidence: 0.95 }));
    const floored = createRouter({ providers: testProviders, classifier: floor, ruleSets: [{ name: 'sec', keywordRules: [{ name: 'Security', keywords: ['exploit', 'cve'], minMatches: 2, confidence: 0.3, effect: { tierMin: 'high' } }] }], routing: { ruleSet: 'sec' } });
    const security = await floored.route(say('Is this CVE exploit real?'));
    expect(security.trace.find((step) => step.name === 'hints')?.decided).toBe('micro → high');
  });

  it('falls back to the signals when the classifier fails or times out, saying so', async () => {
    const failing = scripted(() => {
      throw new Error('upstream 500');
    });
    const failed = await createRouter({ providers: testProviders, classifier: failing }).route(say('zxqv plorb'));
    expect(failed.trace.find((step) => step.name === 'classifier')).toMatchObject({ decided: expect.stringMatching(/^failed/), why: expect.stringMatching(/upstream 500/) });
    expect(failed.tier).toBe('medium');

    let aborted = false;
    const slow: Classifier = {
      name: 'slow',
      classify: (_input, { signal }) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve({ confidence: 1, category: 'coding_complex' }), 5000);
          signal.addEventListener('abort', () => {
            aborted = true;
            clearTimeout(timer);
          });
        }),
    };
    const started = performance.now();
    const timedOut = await createRouter({ providers: testProviders, classifier: slow, routing: { classifierTimeoutMs: 50 } }).route(say('zxqv plorb'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(aborted).toBe(true);
    expect(timedOut.trace.find((step) => step.name === 'classifier')?.why).toMatch(/no answer within 50 ms/);
    expect(timedOut.category).not.toBe('coding_complex');
  });

  it('ignores an invalid verdict and an unknown category', async () => {
    const invalid = scripted(() => ({ confidence: 7 }) as ClassifierResult);
    const decision = await createRouter({ providers: testProviders, classifier: invalid }).route(say('zxqv plorb'));
    expect(decision.trace.find((step) => step.name === 'classifier')?.decided).toMatch(/^failed/);
    const unknown = scripted(() => ({ category: 'not_a_category', confidence: 0.9 }));
    const routed = await createRouter({ providers: testProviders, classifier: unknown }).route(say('zxqv plorb'));
    expect(routed.category).not.toBe('not_a_category');
    expect(routed.trace.find((step) => step.name === 'classifier')?.data?.['unknownCategory']).toBe('not_a_category');
  });

  it('takes a recommended model only within one tier of the route and inside the bounds', async () => {
    const near = scripted(() => ({ category: 'coding_medium', confidence: 0.9, recommendedModel: 'gpt-4.1' }));
    const accepted = await createRouter({ providers: testProviders, classifier: near }).route(say('zxqv plorb'));
    expect(accepted).toMatchObject({ model: 'gpt-4.1', selectionMethod: 'classifier_recommendation' });
    const far = scripted(() => ({ category: 'smalltalk_simple', confidence: 0.9, recommendedModel: 'claude-opus-4-6' }));
    const refused = await createRouter({ providers: testProviders, classifier: far }).route(say('zxqv plorb'));
    expect(refused.model).not.toBe('claude-opus-4-6');
    expect(refused.trace.some((step) => step.decided.startsWith('ignored classifier recommendation'))).toBe(true);
  });
});
