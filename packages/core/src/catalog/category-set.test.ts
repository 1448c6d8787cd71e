import { describe, expect, it } from 'vitest';
import { TIERS } from '../tiers/tiers';
import { CategorySet } from './category-set';

describe('CategorySet', () => {
  const builtIn = CategorySet.builtIn();

  it('has the 52 built-in categories across the eight tiers', () => {
    expect(builtIn.all()).toHaveLength(52);
    const counts = Object.fromEntries(TIERS.map((tier) => [tier, builtIn.ofTier(tier).length]));
    expect(counts).toEqual({ micro: 2, minimal: 10, low: 11, medium: 14, advanced: 9, high: 3, ultra: 1, critical: 2 });
    expect(builtIn.get('vision_simple')?.requiresVision).toBe(true);
    expect(builtIn.get('swe_agentic')?.targetSystemPrompt).toMatch(/autonomous software engineering agent/);
    expect(builtIn.get('smalltalk_simple')?.examples.length).toBeGreaterThan(0);
  });

  it('adds categories and overrides fields without losing the others', () => {
    const changed = builtIn.with([
      { key: 'support_ticket', name: 'Support ticket', tier: 'low' },
      { key: 'coding_medium', defaultModel: 'gpt-4o-mini' },
    ]);
    expect(changed.get('support_ticket')?.tier).toBe('low');
    expect(changed.get('coding_medium')).toMatchObject({ defaultModel: 'gpt-4o-mini', tier: 'medium' });
    expect(changed.get('coding_medium')?.targetSystemPrompt).toBe(builtIn.get('coding_medium')?.targetSystemPrompt);
    expect(builtIn.get('support_ticket')).toBeUndefined();
  });

  it('rejects a bad category with its path', () => {
    expect(() => builtIn.with([{ key: 'Bad Key', name: 'x', tier: 'low' }])).toThrow(/categories\.0\.key/);
    expect(() => builtIn.with([{ key: 'new_one', name: 'x' }])).toThrow(/tier/);
  });
});
