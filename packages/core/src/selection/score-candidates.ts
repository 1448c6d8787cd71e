import type { Deployment } from '../deployments/deployment';
import type { CostMode } from '../rules/rule-set-schema';
import { estimateCost } from '../cost/compute-cost';
import { qualityScore, type BenchmarkWeights } from './benchmark-weights';

/** Exponents of the price-performance score: `(quality / 100)^quality / cost^cost`. */
export interface SelectionExponents {
  quality: number;
  cost: number;
}

/**
 * Per cost mode: economy lets price dominate, quality lets benchmark quality dominate, balanced
 * trades one against the other. Benchmark scores differ by a few points within a tier while prices
 * differ by 10×, so quality gets a high exponent (the seed's score `quality / cost^e` let price win
 * in every mode).
 */
export const COST_MODE_EXPONENTS: Readonly<Record<CostMode, SelectionExponents>> = {
  economy: { quality: 2, cost: 1 },
  balanced: { quality: 6, cost: 0.5 },
  quality: { quality: 14, cost: 0.1 },
};

/** Free models (price 0) are scored as if they cost this much, so scores stay finite. */
export const COST_FLOOR_USD = 1e-7;

export interface ScoredCandidate {
  deployment: Deployment;
  /** Weighted benchmark quality for the category, 0–100. */
  quality: number;
  /** Estimated cost of this request on this model. */
  estimatedCostUsd: number;
  score: number;
}

export interface ScoreOptions {
  weights: BenchmarkWeights;
  exponents: SelectionExponents;
  inputTokens: number;
  expectedOutputTokens: number;
}

/**
 * Scores and ranks candidates: best first; ties broken by priority (higher first), then by lower
 * price, then by key so the order is deterministic.
 */
export function scoreCandidates(candidates: readonly Deployment[], options: ScoreOptions): ScoredCandidate[] {
  const scored = candidates.map((deployment) => {
    const quality = qualityScore(deployment.benchmarks, options.weights);
    const estimatedCostUsd = estimateCost(options.inputTokens, options.expectedOutputTokens, deployment.pricing);
    const score = Math.pow(Math.max(quality, 0) / 100, options.exponents.quality) / Math.pow(Math.max(estimatedCostUsd, COST_FLOOR_USD), options.exponents.cost);
    return { deployment, quality, estimatedCostUsd, score };
  });
  return scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.deployment.priority - a.deployment.priority ||
      a.estimatedCostUsd - b.estimatedCostUsd ||
      a.deployment.key.localeCompare(b.deployment.key),
  );
}
