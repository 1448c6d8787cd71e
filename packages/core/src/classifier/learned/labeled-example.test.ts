import { describe, expect, it } from 'vitest';
import { CategorySet } from '../../catalog/category-set';
import { RefractValidationError } from '../../errors/validation-error';
import { categoryExamples, difficultyForTier, parseLabeledJsonl, parseLabeledLine, tierForDifficulty } from './labeled-example';

const categories = CategorySet.builtIn();

describe('labeled lines', () => {
  it('reads prompts and message lists with category, tier and difficulty labels', () => {
    expect(parseLabeledLine('{"prompt":"Fix this bug","category":"error_debugging","source":"logs","id":7}', categories)).toMatchObject({
      request: { messages: [{ role: 'user', content: 'Fix this bug' }] },
      category: 'error_debugging',
      source: 'logs',
      id: '7',
    });
    const withSystem = parseLabeledLine('{"prompt":"hi","system":"be brief","category":"high"}', categories);
    expect(withSystem.request.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(withSystem).toMatchObject({ tier: 'high' });
    expect(withSystem.category).toBeUndefined();
    expect(parseLabeledLine('{"messages":[{"role":"user","content":"x"}],"complexity":0.7}', categories)).toMatchObject({ tier: 'high', difficulty: 0.7 });
    expect(parseLabeledLine('{"prompt":"x","complexity":"complex"}', categories)).toMatchObject({ tier: 'advanced' });
    expect(parseLabeledLine('{"prompt":"x","category":"coding_simple","complexity":"0.95","weight":3}', categories)).toMatchObject({ category: 'coding_simple', tier: 'critical', difficulty: 0.95, weight: 3 });
  });

  it('maps difficulty to eight equal tier bands and back to their middles', () => {
    expect([0, 0.124, 0.125, 0.5, 0.874, 0.875, 1].map(tierForDifficulty)).toEqual(['micro', 'micro', 'minimal', 'advanced', 'ultra', 'critical', 'critical']);
    expect(difficultyForTier('micro')).toBe(0.0625);
    expect(tierForDifficulty(difficultyForTier('medium'))).toBe('medium');
  });

  it('rejects bad lines with the line number and field, listing every bad line at once', () => {
    expect(() => parseLabeledLine('{"category":"coding_simple"}', categories, 3)).toThrow(/labeled line 3.*"messages" or "prompt"/);
    expect(() => parseLabeledLine('{"prompt":"x","category":"not_a_thing"}', categories)).toThrow(/category: 'not_a_thing' is not a category key, a tier or a 0–1 difficulty/);
    expect(() => parseLabeledLine('{"prompt":"x","complexity":"coding_simple"}', categories)).toThrow(/complexity: 'coding_simple' is not a tier or a 0–1 difficulty/);
    expect(() => parseLabeledLine('{"prompt":"x","complexity":1.5}', categories)).toThrow(/outside 0–1/);
    const text = ['{"prompt":"ok","category":"translation"}', '', '# a comment', 'not json', '{"prompt":"x","category":"zzz"}'].join('\n');
    const error = (() => {
      try {
        parseLabeledJsonl(text, categories);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(RefractValidationError);
    expect((error as RefractValidationError).issues.map((issue) => issue.path)).toEqual(['line 4', 'line 5.category']);
    expect(parseLabeledJsonl(text.split('\n').slice(0, 3).join('\n'), categories)).toHaveLength(1);
  });

  it('turns the categories themselves into examples: examples, name and description', () => {
    const examples = categoryExamples(categories, 2);
    const debugging = examples.filter((example) => example.category === 'error_debugging');
    expect(debugging.map((example) => example.request.messages[0]?.content)).toContain('Analyze this stack trace');
    expect(debugging.every((example) => example.weight === 2 && example.tier === 'medium')).toBe(true);
    expect(new Set(examples.map((example) => example.category)).size).toBe(categories.all().length);
  });
});
