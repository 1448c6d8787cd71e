import { describe, expect, it } from 'vitest';
import type { Outcome, PromptResult } from './evaluate';
import { agreement, percentile, summarizeSources, variantStats } from './summarize';

function routed(category: string, tier: 'low' | 'medium' | 'high', complexity: number, timeMs = 1): Outcome {
  return { ok: true, category, tier, complexity, provider: 'p', model: 'm', timeMs };
}

const failed: Outcome = { ok: false, error: 'boom', timeMs: 5 };

const results: PromptResult[] = [
  { source: 'vicuna', id: '1', labels: { category: 'coding' }, outcomes: [routed('coding_simple', 'low', 0.2), routed('coding_medium', 'medium', 0.4)] },
  { source: 'vicuna', id: '2', labels: { category: 'coding' }, outcomes: [routed('smalltalk_simple', 'low', 0.4), routed('smalltalk_simple', 'low', 0.4)] },
  { source: 'vicuna', id: '3', labels: { category: 'generic' }, outcomes: [routed('analysis_simple', 'medium', 0.6), failed] },
  { source: 'vicuna', id: '4', labels: { category: 'coding' }, outcomes: [routed('coding_simple', 'high', 0.8), routed('coding_simple', 'high', 0.8)] },
];

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 0.5)).toBe(5);
    expect(percentile(sorted, 0.9)).toBe(9);
    expect(percentile(sorted, 1)).toBe(10);
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });
});

describe('variantStats', () => {
  it('counts errors apart and computes tier shares and mean complexity over routed prompts', () => {
    const stats = variantStats('b', results.map((result) => result.outcomes[1] as Outcome));
    expect(stats.prompts).toBe(4);
    expect(stats.errors).toBe(1);
    expect(stats.tierShare.low).toBeCloseTo(1 / 3);
    expect(stats.tierShare.medium).toBeCloseTo(1 / 3);
    expect(stats.tierShare.high).toBeCloseTo(1 / 3);
    expect(stats.tierShare.micro).toBe(0);
    expect(stats.meanComplexity).toBeCloseTo((0.4 + 0.4 + 0.8) / 3);
    expect(stats.categoriesUsed).toBe(3);
    expect(stats.p90Ms).toBe(5);
  });
});

describe('summarizeSources', () => {
  const [report] = summarizeSources(results, ['a', 'b'], { vicuna: ['category'] });

  it('builds one label table per label field, labels by size, one cell per variant', () => {
    expect(report?.prompts).toBe(4);
    const table = report?.tables[0];
    expect(table?.field).toBe('category');
    expect(table?.rows.map((row) => [row.label, row.count])).toEqual([
      ['coding', 3],
      ['generic', 1],
    ]);
    const coding = table?.rows[0];
    expect(coding?.cells[0]?.categories).toEqual([
      ['coding_simple', 2],
      ['smalltalk_simple', 1],
    ]);
    expect(coding?.cells[0]?.tiers).toMatchObject({ low: 2, high: 1, medium: 0 });
    expect(coding?.cells[1]?.categories).toEqual([
      ['coding_medium', 1],
      ['coding_simple', 1],
      ['smalltalk_simple', 1],
    ]);
  });

  it("gives the share routed into the label's family only to labels that have one", () => {
    const rows = report?.tables[0]?.rows ?? [];
    expect(rows[0]?.cells[0]?.inFamily).toBeCloseTo(2 / 3);
    expect(rows[0]?.cells[1]?.inFamily).toBeCloseTo(2 / 3);
    expect(rows[1]?.cells[0]).not.toHaveProperty('inFamily');
  });

  it('counts errors per cell and leaves them out of the routed categories', () => {
    const generic = report?.tables[0]?.rows[1];
    expect(generic?.cells[1]).toMatchObject({ errors: 1, categories: [] });
    expect(report?.routedCategories[1]?.reduce((sum, entry) => sum + entry.count, 0)).toBe(3);
  });

  it('lists, per routed category, the labels it received', () => {
    expect(report?.routedCategories[0]?.[0]).toEqual({ category: 'coding_simple', count: 2, labels: [['coding', 2]] });
  });
});

describe('agreement', () => {
  it('is the share of all prompts where a variant matches the first variant', () => {
    expect(agreement(results, ['a', 'b'])).toEqual([{ variant: 'b', sameCategory: 2 / 4, sameTier: 2 / 4 }]);
  });
});
