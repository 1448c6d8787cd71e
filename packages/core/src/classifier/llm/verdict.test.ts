import { describe, expect, it } from 'vitest';
import { CategorySet } from '../../catalog/category-set';
import { extractSignals } from '../../signals/extract-signals';
import { heuristicTokenizer } from '../../tokenizer/tokenizer';
import { readVerdict, type VerdictContext } from './verdict';

const context = (overrides: Partial<VerdictContext> = {}): VerdictContext => ({
  categories: CategorySet.builtIn().all(),
  signals: extractSignals({ model: 'auto', messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }] }, { tokenizer: heuristicTokenizer }),
  models: new Set(['gpt-4o']),
  maxTierShift: 1,
  source: 'llm:test',
  ...overrides,
});

describe('readVerdict', () => {
  it('needs a known category; everything else is optional and dropped when malformed', () => {
    expect(readVerdict({ category: 'Vision_Simple ' }, context())).toMatchObject({ category: 'vision_simple', tier: 'minimal', confidence: 0.5, hasImage: true });
    expect(readVerdict({ category: 'nonsense' }, context())).toBe("unknown category 'nonsense'");
    expect(readVerdict({ confidence: 0.9 }, context())).toMatch(/not a verdict/);
    const sloppy = readVerdict({ category: 'math_simple', complexity: 7, confidence: 'high', domain: 42, estimated_output_length: 'huge', recommended_tier: 'mega' }, context());
    expect(sloppy).toMatchObject({ category: 'math_simple', tier: 'low', confidence: 0.5 });
    expect(sloppy).not.toHaveProperty('complexity');
    expect(sloppy).not.toHaveProperty('domain');
    expect(sloppy).not.toHaveProperty('estimatedOutput');
  });

  it('accepts a recommended model only from the offered list', () => {
    expect(readVerdict({ category: 'coding_medium', recommended_model: 'gpt-4o' }, context())).toMatchObject({ recommendedModel: 'gpt-4o' });
    expect(readVerdict({ category: 'coding_medium', recommended_model: 'made-up-model' }, context())).not.toHaveProperty('recommendedModel');
  });

  it('moves the tier at most maxTierShift steps from the category tier', () => {
    expect(readVerdict({ category: 'coding_medium', recommended_tier: 'micro' }, context())).toMatchObject({ tier: 'low' });
    expect(readVerdict({ category: 'coding_medium', recommended_tier: 'critical' }, context({ maxTierShift: 2 }))).toMatchObject({ tier: 'high' });
    expect(readVerdict({ category: 'coding_medium', recommended_tier: 'advanced' }, context())).toMatchObject({ tier: 'advanced' });
  });
});
