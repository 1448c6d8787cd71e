import { describe, expect, it } from 'vitest';
import { RefractValidationError } from '../errors/validation-error';
import { ModelCatalog, inferTierFromPrice } from './model-catalog';

const catalog = ModelCatalog.builtIn();

describe('ModelCatalog', () => {
  it('holds the 88 registry models, 51 with benchmarks, with typed capabilities and prices', () => {
    const all = catalog.all();
    expect(all).toHaveLength(88);
    expect(all.filter((model) => model.benchmarks)).toHaveLength(51);
    const sonnet = catalog.get('claude-sonnet-4-5');
    expect(sonnet).toMatchObject({ tier: 'high', pricing: { input: 3, output: 15 }, capabilities: { vision: true, tools: true } });
    expect(sonnet?.pricing?.cachedInput).toBeLessThan(3);
  });

  it.each([
    ['us.anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku', 'normalized'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini', 'normalized'],
    ['my-company-gpt-4o-mini-eu', 'gpt-4o-mini', 'contains'],
    ['anthropic/claude-opus-4-6', 'claude-opus-4-6', 'normalized'],
  ])('finds %s as %s (%s)', (id, expected, match) => {
    expect(catalog.lookup(id)).toMatchObject({ model: { id: expected }, match });
  });

  it('does not guess: an unknown id is not found, and a short id is not matched inside another', () => {
    expect(catalog.lookup('totally-unknown-model')).toBeUndefined();
    expect(catalog.lookup('cargo1-model')?.model.id).not.toBe('o1');
  });

  it('describes models outside the registry from the models.dev snapshot, tier inferred from price', () => {
    const found = catalog.lookup('gemini-2.5-flash-lite');
    expect(found?.match).toBe('models.dev');
    expect(found?.model.benchmarks).toBeUndefined();
    expect(found?.model.tier).toBe(inferTierFromPrice(found?.model.pricing?.input, found?.model.pricing?.output));
  });

  it('merges overrides over built-in entries and adds new ones', () => {
    const custom = catalog.withOverrides({
      'gpt-4o': { pricing: { input: 2, output: 8 } },
      'my-llama': { tier: 'low', contextWindow: 32000, pricing: { input: 0, output: 0 } },
    });
    expect(custom.get('gpt-4o')?.pricing).toMatchObject({ input: 2, output: 8 });
    expect(custom.get('gpt-4o')?.benchmarks).toEqual(catalog.get('gpt-4o')?.benchmarks);
    expect(custom.get('my-llama')).toMatchObject({ tier: 'low', contextWindow: 32000 });
  });

  it('refuses a new model without a tier, naming the path', () => {
    expect(() => catalog.withOverrides({ 'mystery-model': { contextWindow: 1000 } })).toThrow(RefractValidationError);
    expect(() => catalog.withOverrides({ 'mystery-model': { contextWindow: 1000 } })).toThrow(/models\.mystery-model/);
  });

  it('matches provider price tables whose keys contain dots (the seed normalised ids but not keys)', () => {
    expect(ModelCatalog.providerPrice('bedrock', 'us.anthropic.claude-haiku-4-5-20251001-v1:0')).toEqual({ input: 1, output: 5 });
    const gemini = ModelCatalog.providerPrice('gemini', 'gemini-2.5-pro');
    expect(gemini).toBeDefined();
    expect(ModelCatalog.providerPrice('nonexistent', 'gpt-4o')).toBeUndefined();
  });
});
