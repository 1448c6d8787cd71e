import { describe, expect, it } from 'vitest';
import { geminiModelFamily } from './gemini-model-family';
import { mapReasoningEffort } from './map-reasoning-effort';

describe('geminiModelFamily', () => {
  it.each([
    ['gemini-2.5-flash', 2.5, false],
    ['models/gemini-3-pro-preview', 3, true],
    ['gemini-3.1-pro-preview', 3.1, true],
    ['gemini-3-flash-preview', 3, false],
    ['gemini-2.0-flash-lite', 2, false],
    ['gemini-flash-latest', undefined, false],
    ['gemini-pro-latest', undefined, true],
  ])('%s → version %s, pro %s', (model, version, isPro) => {
    expect(geminiModelFamily(model)).toMatchObject({ version, isPro });
  });
});

describe('mapReasoningEffort', () => {
  it('uses thinking levels on Gemini 3, moving unsupported levels of Pro models with a warning', () => {
    expect(mapReasoningEffort('medium', 'gemini-3-flash-preview', true)).toEqual({
      thinkingConfig: { thinkingLevel: 'medium', includeThoughts: true },
      warnings: [],
    });
    const pro = mapReasoningEffort('medium', 'gemini-3-pro-preview', false);
    expect(pro.thinkingConfig).toEqual({ thinkingLevel: 'high' });
    expect(pro.warnings).toEqual([expect.objectContaining({ type: 'parameter-changed', parameter: 'reasoning_effort' })]);
    expect(mapReasoningEffort('minimal', 'gemini-3-pro-preview', true).thinkingConfig).toEqual({ thinkingLevel: 'low', includeThoughts: true });
  });

  it('uses thinking budgets on Gemini 2.5 and versionless aliases', () => {
    expect(mapReasoningEffort('low', 'gemini-2.5-flash', true).thinkingConfig).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    expect(mapReasoningEffort('high', 'gemini-flash-latest', true).thinkingConfig).toEqual({ thinkingBudget: 24576, includeThoughts: true });
    expect(mapReasoningEffort('minimal', 'gemini-2.5-flash-lite', true)).toEqual({ thinkingConfig: { thinkingBudget: 0 }, warnings: [] });
    const pro = mapReasoningEffort('minimal', 'gemini-2.5-pro', true);
    expect(pro.thinkingConfig).toEqual({ thinkingBudget: 128, includeThoughts: true });
    expect(pro.warnings[0]?.message).toMatch(/cannot turn thinking off/);
  });

  it('sends nothing and warns for models without thinking', () => {
    for (const model of ['gemini-2.0-flash', 'gemma-3-27b-it']) {
      const mapping = mapReasoningEffort('high', model, true);
      expect(mapping.thinkingConfig).toBeUndefined();
      expect(mapping.warnings).toEqual([expect.objectContaining({ type: 'unsupported-parameter', parameter: 'reasoning_effort' })]);
    }
  });
});
