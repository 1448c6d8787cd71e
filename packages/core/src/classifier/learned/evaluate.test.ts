import { describe, expect, it } from 'vitest';
import type { Classifier } from '../classifier';
import { evaluateClassifier } from './evaluate';
import { formatEvaluation } from './format-evaluation';
import type { LabeledExample } from './labeled-example';

const example = (content: string, labels: Partial<LabeledExample>): LabeledExample => ({ request: { model: 'auto', messages: [{ role: 'user', content }] }, ...labels });

/** Answers by the first word of the prompt: `cat:<key>`, `tier:<tier>`, `abstain`, `throw`. */
const byFirstWord: Classifier = {
  name: 'scripted',
  async classify(input) {
    const [command, value] = (input.signals.lastUserMessage.split(' ')[0] ?? '').split(':');
    if (command === 'throw') throw new Error('boom');
    if (command === 'abstain') return { confidence: 0.1, abstain: true };
    if (command === 'tier') return { confidence: 0.5, tier: value as 'high' };
    return { category: value ?? '', confidence: 0.95 };
  },
};

describe('evaluateClassifier', () => {
  it('counts exact, family and tier accuracy, abstentions and failures, overall and per source', async () => {
    const report = await evaluateClassifier(byFirstWord, [
      example('cat:coding_medium a', { category: 'coding_medium', source: 's1' }),
      example('cat:coding_complex b', { category: 'coding_medium', source: 's1' }),
      example('cat:smalltalk_simple c', { category: 'math_complex', source: 's2' }),
      example('abstain d', { category: 'translation', source: 's2' }),
      example('throw e', { category: 'translation', source: 's2' }),
      example('tier:high f', { tier: 'advanced', source: 's2' }),
    ]);
    expect(report).toMatchObject({ examples: 6, categoryLabeled: 5, categoryCorrect: 1, familyCorrect: 2, abstained: 1, failed: 1, tierLabeled: 6, tierExact: 1, tierWithinOne: 3 });
    expect(report.categoryAccuracy).toBe(0.2);
    expect(report.bySource['s1']).toMatchObject({ categoryLabeled: 2, categoryCorrect: 1, familyAccuracy: 1 });
    expect(report.categoryConfusion['coding_medium']).toEqual({ coding_medium: 1, coding_complex: 1 });
    expect(report.categoryConfusion['translation']).toEqual({ '(abstain)': 1, '(failed)': 1 });
    expect(report.familyConfusion['math']).toEqual({ chat: 1 });
    expect(report.tierConfusion['advanced']).toEqual({ minimal: 1, high: 1 });
    expect(report.reliability).toEqual([{ from: 0.9, to: 1, count: 3, accuracy: 0.333 }]);
  });

  it('prints a readable report', async () => {
    const report = await evaluateClassifier(byFirstWord, [example('cat:coding_medium a', { category: 'coding_medium', source: 'logs' }), example('cat:translation b', { category: 'coding_medium', source: 'logs' })]);
    const text = formatEvaluation(report);
    expect(text).toMatch(/^classifier scripted: 2 examples/);
    expect(text).toMatch(/logs\s+2\s+50\.0% of 2/);
    expect(text).toContain('1  coding_medium → translation');
    expect(text).toMatch(/tier confusion\n\s+minimal\s+medium\nmedium\s+1\s+1/);
  });
});
