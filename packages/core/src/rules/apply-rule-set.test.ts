import { describe, expect, it } from 'vitest';
import { CategorySet } from '../catalog/category-set';
import { extractSignals } from '../signals/extract-signals';
import type { ChatRequest } from '../spec/chat-request';
import { heuristicTokenizer } from '../tokenizer/tokenizer';
import { applyRuleSet, tierForTokens } from './apply-rule-set';
import { DEFAULT_RULE_SET } from './built-in-rule-sets';
import { compileRuleSet } from './compile-rule-set';
import type { RuleSetInput } from './rule-set-schema';

const categories = CategorySet.builtIn();
const known = (key: string): boolean => categories.has(key);
const defaults = compileRuleSet(DEFAULT_RULE_SET, known);
const route = (messages: ChatRequest['messages'], ruleSet = defaults) =>
  applyRuleSet(extractSignals({ model: 'auto', messages } as ChatRequest, { tokenizer: heuristicTokenizer }), ruleSet, categories);
const user = (content: string): ChatRequest['messages'][number] => ({ role: 'user', content });

describe('applyRuleSet', () => {
  it('sends FIM straight to micro / coding_autocomplete', () => {
    const result = route([user('<fim_prefix>def f():<fim_suffix><fim_middle>')]);
    expect(result).toMatchObject({ tier: 'micro', category: 'coding_autocomplete', confidence: 0.99, source: 'fim' });
  });

  it('gives images no confidence of their own (the seed let them skip the classifier into autocomplete)', () => {
    const result = route([
      { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] },
    ]);
    expect(result.category).not.toBe('coding_autocomplete');
    expect(result.confidence).toBeLessThan(defaults.ruleSet.classifier.confidenceThreshold);
    expect(result.matches.some((match) => match.effect.includes('image'))).toBe(true);
  });

  it('applies a keyword rule floor and domain (security, two keywords needed)', () => {
    const result = route([user('Check this login form for SQL injection and XSS vulnerability issues')]);
    expect(result).toMatchObject({ category: 'code_security_review', floor: 'high', domain: 'security' });
    expect(route([user('Is XSS a thing?')]).floor).toBeUndefined();
  });

  it('applies a keyword cap: a chat title stays micro whatever its topic', () => {
    const result = route([user('Generate a title for this chat about SQL injection and XSS vulnerability exploits')]);
    expect(result.cap).toBe('micro');
    expect(result.floor).toBe('micro');
    expect(result).toMatchObject({ tier: 'micro', category: 'chat_title_generation' });
  });

  it('matches system-prompt roles as hints (confidence at most 0.5)', () => {
    const result = route([{ role: 'system', content: 'You are a customer support agent for ACME.' }, user('my order is late')]);
    expect(result.matches[0]).toMatchObject({ kind: 'system_prompt_role', name: 'Customer Support' });
    expect(result.confidence).toBeLessThanOrEqual(0.62);
  });

  it('names an intent category from wording', () => {
    expect(route([user('Translate "good morning" into German')]).category).toBe('translation');
    expect(route([user('Summarize this paragraph: the cat sat on the mat.')]).category).toBe('summarization_short');
    expect(route([user('Write a haiku about autumn')]).category).toBe('creative_writing_short');
    expect(route([user('hi')]).category).toBe('smalltalk_simple');
  });

  it('falls back to a token hint with low confidence when nothing matches', () => {
    const result = route([user('zxqv plorb')]);
    expect(result).toMatchObject({ tier: 'micro', source: 'token_threshold' });
    expect(result.confidence).toBeCloseTo(0.8 * 0.35, 5);
  });

  it('upgrades long conversations when the turn upgrade is on', () => {
    const ruleSet = compileRuleSet({ ...DEFAULT_RULE_SET, turnUpgrade: { enabled: true, threshold: 3 } }, known);
    const messages: ChatRequest['messages'] = [];
    for (let turn = 0; turn < 3; turn += 1) messages.push(user(`question ${turn}`), { role: 'assistant', content: 'answer' });
    messages.push(user('zxqv plorb'));
    expect(route(messages, ruleSet).tier).toBe('minimal');
    expect(route(messages).tier).toBe('micro');
  });

  it.each([
    [100, 'micro'],
    [400, 'minimal'],
    [1500, 'low'],
    [10_000, 'medium'],
    [40_000, 'advanced'],
  ] as const)('token hint for %i tokens is %s', (tokens, tier) => {
    expect(tierForTokens(tokens, defaults.ruleSet.tokenThresholds)).toBe(tier);
  });
});

describe('compileRuleSet', () => {
  it('loads every seed rule set unchanged', async () => {
    const seeds = (await import('../catalog/data/rule-sets.json', { with: { type: 'json' } })).default as RuleSetInput[];
    for (const seed of seeds) expect(() => compileRuleSet(seed, known)).not.toThrow();
  });

  it('names the path of an unknown category and an invalid pattern', () => {
    expect(() =>
      compileRuleSet({ name: 'x', keywordRules: [{ name: 'k', keywords: ['a'], effect: { category: 'customer_support' } }] }, known),
    ).toThrow(/keywordRules\.0\.effect\.category: unknown category 'customer_support'/);
    expect(() => compileRuleSet({ name: 'x', systemPromptRoles: [{ name: 'r', pattern: '(unclosed', effect: {} }] })).toThrow(
      /systemPromptRoles\.0\.pattern/,
    );
    expect(() => compileRuleSet({ name: 'x', tokenThresholds: { micro: 500, minimal: 100, low: 2000, medium: 15000, alwaysHigh: 50000 } })).toThrow(
      /ascend/,
    );
  });
});
