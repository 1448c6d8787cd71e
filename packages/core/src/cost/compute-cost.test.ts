import { describe, expect, it } from 'vitest';
import { computeCost, estimateCost } from './compute-cost';
import { priceRequest } from './price-request';

describe('computeCost', () => {
  it.each([
    [{ inputTokens: 1_000_000, outputTokens: 0 }, { input: 3, output: 15 }, 3],
    [{ inputTokens: 0, outputTokens: 1_000_000 }, { input: 3, output: 15 }, 15],
    [{ inputTokens: 1000, outputTokens: 500, cachedInputTokens: 800 }, { input: 3, output: 15, cachedInput: 0.3 }, (200 * 3 + 800 * 0.3 + 500 * 15) / 1e6],
    [{ inputTokens: 1000, outputTokens: 0, cacheWriteTokens: 1000 }, { input: 3, output: 15, cacheWrite: 3.75 }, 0.00375],
    [{ inputTokens: 1000, outputTokens: 0, cachedInputTokens: 1000 }, { input: 2, output: 8 }, 0.002],
  ])('usage %j at %j costs %f', (usage, pricing, expected) => {
    expect(computeCost(usage, pricing).totalUsd).toBeCloseTo(expected, 12);
  });

  it('estimates before the call', () => {
    expect(estimateCost(2000, 500, { input: 1, output: 4 })).toBeCloseTo(0.004, 12);
  });
});

describe('priceRequest', () => {
  it('adds routing cost, prices the baseline and reports savings (negative when dearer)', () => {
    const priced = priceRequest({
      usage: { inputTokens: 10_000, outputTokens: 1000 },
      usageSource: 'reported',
      pricing: { input: 0.15, output: 0.6 },
      baselinePricing: { input: 3, output: 15 },
      routingCostUsd: 0.0001,
    });
    expect(priced.modelCostUsd).toBeCloseTo(0.0021, 9);
    expect(priced.costUsd).toBeCloseTo(0.0022, 9);
    expect(priced.baselineCostUsd).toBeCloseTo(0.045, 9);
    expect(priced.savedUsd).toBeCloseTo(0.0428, 9);
    const dearer = priceRequest({ usage: { inputTokens: 1000, outputTokens: 0 }, usageSource: 'estimated', pricing: { input: 5, output: 25 }, baselinePricing: { input: 1, output: 1 } });
    expect(dearer.savedUsd).toBeLessThan(0);
    expect(dearer.usageSource).toBe('estimated');
  });

  it('without a baseline saves nothing; without a price says so instead of inventing one', () => {
    const noBaseline = priceRequest({ usage: { inputTokens: 1000, outputTokens: 100 }, usageSource: 'reported', pricing: { input: 1, output: 1 } });
    expect(noBaseline.savedUsd).toBe(0);
    const unpriced = priceRequest({ usage: { inputTokens: 1000, outputTokens: 100 }, usageSource: 'reported', pricing: undefined });
    expect(unpriced).toMatchObject({ priced: false, costUsd: 0 });
  });
});
