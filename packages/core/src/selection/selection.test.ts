import { describe, expect, it } from 'vitest';
import { ModelCatalog } from '../catalog/model-catalog';
import { buildDeployments } from '../deployments/build-deployments';
import type { Deployment } from '../deployments/deployment';
import { providerConfigSchema, type ProviderConfigInput } from '../deployments/deployment-schema';
import { UNBENCHMARKED_PENALTY } from '../deployments/tier-estimates';
import { RefractValidationError } from '../errors/validation-error';
import { benchmarkWeightsFor } from './benchmark-weights';
import type { EligibilityRules } from './eligibility';
import { COST_MODE_EXPONENTS, scoreCandidates } from './score-candidates';
import { searchOrder, selectModel } from './select-model';

const catalog = ModelCatalog.builtIn();
const deploy = (providers: ProviderConfigInput[]): Deployment[] => buildDeployments(providers.map((p) => providerConfigSchema.parse(p)), catalog);
const everything: EligibilityRules = {
  needs: { vision: false, tools: false, json: false, inputTokens: 1000, outputReserve: 1024 },
  allowed: () => true,
  available: () => true,
  contextWindow: (deployment) => deployment.contextWindow,
};
const scoring = (mode: keyof typeof COST_MODE_EXPONENTS, category = 'coding_medium') => ({
  weights: benchmarkWeightsFor(category),
  exponents: COST_MODE_EXPONENTS[mode],
  inputTokens: 2000,
  expectedOutputTokens: 500,
});

describe('benchmarkWeightsFor', () => {
  it('uses the exact key, then the longest prefix, then the default', () => {
    expect(benchmarkWeightsFor('swe_agentic').coding).toBe(0.6);
    expect(benchmarkWeightsFor('coding_complex')).toEqual(benchmarkWeightsFor('coding'));
    expect(benchmarkWeightsFor('unknown_category')).toEqual(benchmarkWeightsFor('_default'));
  });
});

describe('buildDeployments', () => {
  it('resolves catalog entries, provider price tables and config overrides', () => {
    const [haiku, custom] = deploy([
      { id: 'bedrock', type: 'bedrock', models: ['us.anthropic.claude-haiku-4-5-20251001-v1:0'] },
      { id: 'local', type: 'ollama', models: [{ id: 'qwen3:32b', catalogId: 'qwen3-32b', pricing: { input: 0, output: 0 } }] },
    ]);
    expect(haiku).toMatchObject({ catalogId: 'claude-haiku-4-5', tier: 'low', priceSource: 'provider-table', pricing: { input: 1, output: 5 } });
    expect(custom).toMatchObject({ catalogId: 'qwen3-32b', priceSource: 'config', pricing: { input: 0, output: 0 } });
  });

  it('estimates missing benchmarks and prices from the tier and flags them (never free, never skipped)', () => {
    const [unbenchmarked, unpriced] = deploy([{ id: 'x', type: 'vllm', models: ['gpt-5', { id: 'house-model', tier: 'medium' }] }]);
    expect(unbenchmarked?.benchmarkSource).toBe('tier-estimate');
    expect(unbenchmarked?.priceSource).toBe('catalog');
    expect(unpriced).toMatchObject({ priceSource: 'tier-estimate', benchmarkSource: 'tier-estimate' });
    expect(unpriced!.pricing.input).toBeGreaterThan(0);
    const benchedHigh = catalog.all().filter((model) => model.tier === 'high' && model.benchmarks);
    expect(unbenchmarked!.benchmarks.intelligence).toBeLessThan(Math.max(...benchedHigh.map((model) => model.benchmarks!.intelligence)));
    expect(UNBENCHMARKED_PENALTY).toBeGreaterThan(0);
  });

  it('fails at startup naming the path of an unknown model without a tier, and of duplicates', () => {
    expect(() => deploy([{ id: 'x', models: ['gpt-4o', 'mystery-7b'] }])).toThrow(RefractValidationError);
    expect(() => deploy([{ id: 'x', models: ['gpt-4o', 'mystery-7b'] }])).toThrow(/providers\.0\.models\.1: model 'mystery-7b'/);
    expect(() => deploy([{ id: 'x', models: ['gpt-4o', 'gpt-4o'] }])).toThrow(/duplicate/);
  });

  it('offers the whole catalog, one provider per vendor, when no provider is configured', () => {
    const all = buildDeployments([], catalog);
    expect(all).toHaveLength(88);
    expect(new Set(all.map((deployment) => deployment.provider))).toContain('anthropic');
  });
});

describe('scoreCandidates', () => {
  const candidates = deploy([{ id: 'p', models: ['gpt-4o-mini', 'gemini-2.0-flash', 'claude-haiku-4-5', 'qwen3-32b'] }]);

  it('lets price win in economy mode and quality win in quality mode (the seed let price win everywhere)', () => {
    const economy = scoreCandidates(candidates, scoring('economy'))[0]!.deployment.model;
    const quality = scoreCandidates(candidates, scoring('quality'))[0]!.deployment.model;
    const cheapest = [...candidates].sort((a, b) => a.pricing.input + a.pricing.output - (b.pricing.input + b.pricing.output))[0]!.model;
    expect(economy).toBe(cheapest);
    const bestQuality = scoreCandidates(candidates, { ...scoring('quality'), exponents: { quality: 1, cost: 0 } })[0]!.deployment.model;
    expect(quality).toBe(bestQuality);
    expect(quality).not.toBe(economy);
  });

  it('keeps free models finite and breaks ties by priority', () => {
    const [free, paid] = deploy([{ id: 'p', models: [{ id: 'free-one', tier: 'low', pricing: { input: 0, output: 0 }, benchmarks: { intelligence: 70, coding: 70, math: 70, speed: 70 }, priority: 10 }, { id: 'free-two', tier: 'low', pricing: { input: 0, output: 0 }, benchmarks: { intelligence: 70, coding: 70, math: 70, speed: 70 }, priority: 90 }] }]);
    const ranked = scoreCandidates([free!, paid!], scoring('balanced'));
    expect(Number.isFinite(ranked[0]!.score)).toBe(true);
    expect(ranked[0]!.deployment.model).toBe('free-two');
  });
});

describe('selectModel', () => {
  const deployments = deploy([{ id: 'p', models: ['gpt-4.1-nano', 'gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4-5'] }]);

  it('uses the routed tier when it has candidates', () => {
    const selection = selectModel({ deployments, tier: 'low', bounds: {}, eligibility: everything, scoring: scoring('balanced') });
    expect(selection).toMatchObject({ tier: 'low', walked: [] });
    expect(selection.ranked[0]!.deployment.model).toBe('gpt-4o-mini');
  });

  it('walks to the nearest tier, dearer first, or cheaper first under a budget guard', () => {
    expect(searchOrder('advanced', false).slice(0, 3)).toEqual(['advanced', 'high', 'medium']);
    expect(selectModel({ deployments, tier: 'advanced', bounds: {}, eligibility: everything, scoring: scoring('balanced') }).tier).toBe('high');
    expect(selectModel({ deployments, tier: 'advanced', bounds: {}, eligibility: everything, scoring: scoring('balanced'), preferCheaper: true }).tier).toBe('medium');
  });

  it('never crosses hard bounds or blocked tiers, and crosses soft bounds only when it must', () => {
    const hard = selectModel({ deployments, tier: 'advanced', bounds: { hardMax: 'medium' }, eligibility: everything, scoring: scoring('balanced') });
    expect(hard.tier).toBe('medium');
    const blocked = selectModel({ deployments, tier: 'high', bounds: { blocked: ['high'] }, eligibility: everything, scoring: scoring('balanced') });
    expect(blocked.tier).not.toBe('high');
    const soft = selectModel({ deployments, tier: 'micro', bounds: { softMax: 'micro' }, eligibility: everything, scoring: scoring('balanced') });
    expect(soft).toMatchObject({ tier: 'minimal', crossedSoftBound: true });
    const none = selectModel({ deployments, tier: 'micro', bounds: { hardMax: 'micro' }, eligibility: everything, scoring: scoring('balanced') });
    expect(none.ranked).toEqual([]);
  });

  it('reports why deployments of the routed tier were excluded', () => {
    const eligibility: EligibilityRules = { ...everything, needs: { ...everything.needs, vision: true, inputTokens: 200_000 } };
    const selection = selectModel({ deployments, tier: 'medium', bounds: {}, eligibility, scoring: scoring('balanced') });
    expect(selection.rejected).toContainEqual({ key: 'p/gpt-4o', reason: expect.stringMatching(/context window 128000/) });
  });
});
