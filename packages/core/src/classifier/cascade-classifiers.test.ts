import { describe, expect, it } from 'vitest';
import { createClassifierInputBuilder } from './build-classifier-input';
import { cascadeClassifiers } from './cascade-classifiers';
import type { Classifier, ClassifierResult } from './classifier';

const input = createClassifierInputBuilder()({ model: 'auto', messages: [{ role: 'user', content: 'fix my code' }] });
const signal = () => new AbortController().signal;

function counted(result: ClassifierResult | Error, name: string): Classifier & { calls: number } {
  const classifier = {
    name,
    calls: 0,
    async classify() {
      classifier.calls += 1;
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return classifier;
}

describe('cascadeClassifiers', () => {
  it('stops at the first sure verdict: the LLM is not called when the local model is sure', async () => {
    const local = counted({ category: 'coding_medium', confidence: 0.8, costUsd: 0 }, 'local');
    const llm = counted({ category: 'coding_complex', confidence: 0.9, costUsd: 0.001 }, 'llm');
    const result = await cascadeClassifiers([local, llm], { threshold: 0.6 }).classify(input, { signal: signal() });
    expect(result.category).toBe('coding_medium');
    expect(llm.calls).toBe(0);
  });

  it('asks the next classifier when the first is unsure or abstains, and sums the costs', async () => {
    const unsure = counted({ category: 'coding_medium', confidence: 0.4 }, 'local');
    const llm = counted({ category: 'coding_complex', confidence: 0.9, costUsd: 0.002 }, 'llm');
    const cascade = cascadeClassifiers([unsure, llm], { threshold: 0.6 });
    expect(cascade.name).toBe('cascade(local→llm)');
    const result = await cascade.classify(input, { signal: signal() });
    expect(result).toMatchObject({ category: 'coding_complex', costUsd: 0.002 });
    expect(result.reasoning).toMatch(/local unsure \(0.4 < 0.6\)/);
    const abstaining = counted({ confidence: 0.1, abstain: true }, 'local');
    await cascadeClassifiers([abstaining, llm]).classify(input, { signal: signal() });
    expect(llm.calls).toBe(2);
  });

  it('keeps the best earlier verdict when a later classifier fails or is less sure', async () => {
    const local = counted({ category: 'coding_medium', confidence: 0.5 }, 'local');
    const failing = counted(new Error('upstream 500'), 'llm');
    const kept = await cascadeClassifiers([local, failing]).classify(input, { signal: signal() });
    expect(kept).toMatchObject({ category: 'coding_medium', confidence: 0.5 });
    expect(kept.reasoning).toMatch(/llm failed: upstream 500/);
    const lessSure = counted({ category: 'analysis_simple', confidence: 0.3 }, 'llm');
    expect((await cascadeClassifiers([local, lessSure]).classify(input, { signal: signal() })).category).toBe('coding_medium');
  });

  it('fails when nobody answers, and stops when aborted', async () => {
    await expect(cascadeClassifiers([counted(new Error('a down'), 'a'), counted(new Error('b down'), 'b')]).classify(input, { signal: signal() })).rejects.toThrow(/a failed: a down; b failed: b down/);
    const controller = new AbortController();
    const slowAbort: Classifier = {
      name: 'slow',
      classify: () =>
        new Promise((_, reject) => {
          controller.signal.addEventListener('abort', () => reject(new Error('aborted by router')));
        }),
    };
    const after = counted({ category: 'x', confidence: 1 }, 'after');
    setTimeout(() => controller.abort(), 10);
    await expect(cascadeClassifiers([slowAbort, after]).classify(input, { signal: controller.signal })).rejects.toThrow('aborted by router');
    expect(after.calls).toBe(0);
    expect(() => cascadeClassifiers([])).toThrow(/at least one/);
  });
});
