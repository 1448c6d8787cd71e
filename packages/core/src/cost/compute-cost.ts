import type { ModelPricing } from '../catalog/catalog-model';
import type { Usage } from '../providers/usage';

/** Cost of one call in USD, split by what was charged. */
export interface CostBreakdown {
  inputUsd: number;
  cachedInputUsd: number;
  cacheWriteUsd: number;
  outputUsd: number;
  totalUsd: number;
}

const PER_MILLION = 1_000_000;

/**
 * The one cost formula of Refract, for streams and non-streams alike. Prices are USD per 1M
 * tokens; cached input is priced at `cachedInput` and cache writes at `cacheWrite` (each defaulting
 * to the input price); `usage.inputTokens` includes both (OpenAI semantics).
 *
 * @example
 * computeCost({ inputTokens: 1000, outputTokens: 500, cachedInputTokens: 800 }, { input: 3, output: 15, cachedInput: 0.3 }).totalUsd;
 * // (200 × 3 + 800 × 0.3 + 500 × 15) / 1e6 = 0.00834
 */
export function computeCost(usage: Usage, pricing: ModelPricing): CostBreakdown {
  const cached = Math.max(0, usage.cachedInputTokens ?? 0);
  const written = Math.max(0, usage.cacheWriteTokens ?? 0);
  const uncached = Math.max(0, usage.inputTokens - cached - written);
  const inputUsd = (uncached * pricing.input) / PER_MILLION;
  const cachedInputUsd = (cached * (pricing.cachedInput ?? pricing.input)) / PER_MILLION;
  const cacheWriteUsd = (written * (pricing.cacheWrite ?? pricing.input)) / PER_MILLION;
  const outputUsd = (Math.max(0, usage.outputTokens) * pricing.output) / PER_MILLION;
  return { inputUsd, cachedInputUsd, cacheWriteUsd, outputUsd, totalUsd: inputUsd + cachedInputUsd + cacheWriteUsd + outputUsd };
}

/** Estimated cost of a call before it is made, with no caching assumed. */
export function estimateCost(inputTokens: number, outputTokens: number, pricing: ModelPricing): number {
  return (inputTokens * pricing.input + outputTokens * pricing.output) / PER_MILLION;
}

/** Rounds USD to 1e-9 so sums of many small costs stay exact enough and JSON stays short. */
export function roundUsd(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
