import type { Benchmarks, CatalogModel, ModelPricing } from '../catalog/catalog-model';
import { TIERS, tiersByDistance, type Tier } from '../tiers/tiers';

/**
 * Typical benchmark scores and prices per tier: the median over the catalog models of that tier
 * that have them (the nearest tier with data when a tier has none). A model without benchmark
 * scores is scored as a typical model of its tier, less `UNBENCHMARKED_PENALTY` points per axis
 * for the uncertainty; a model without a price is priced as a typical model of its tier. Both are
 * flagged in the deployment and shown in traces. (The seed never picked unbenchmarked models and
 * always picked unpriced ones.)
 */
export const UNBENCHMARKED_PENALTY = 2;

export interface TierEstimates {
  benchmarks(tier: Tier): Benchmarks;
  pricing(tier: Tier): ModelPricing;
}

export function buildTierEstimates(models: readonly CatalogModel[]): TierEstimates {
  const benchByTier = new Map<Tier, Benchmarks>();
  const priceByTier = new Map<Tier, ModelPricing>();
  for (const tier of TIERS) {
    const inTier = models.filter((model) => model.tier === tier);
    const benched = inTier.map((model) => model.benchmarks).filter((value): value is Benchmarks => value !== undefined);
    if (benched.length > 0) {
      benchByTier.set(tier, {
        intelligence: median(benched.map((b) => b.intelligence)),
        coding: median(benched.map((b) => b.coding)),
        math: median(benched.map((b) => b.math)),
        speed: median(benched.map((b) => b.speed)),
      });
    }
    const priced = inTier.map((model) => model.pricing).filter((value): value is ModelPricing => value !== undefined);
    if (priced.length > 0) {
      priceByTier.set(tier, { input: median(priced.map((p) => p.input)), output: median(priced.map((p) => p.output)) });
    }
  }
  const nearest = <T>(map: Map<Tier, T>, tier: Tier, fallback: T): T => {
    for (const candidate of tiersByDistance(tier)) {
      const value = map.get(candidate);
      if (value !== undefined) return value;
    }
    return fallback;
  };
  return {
    benchmarks(tier) {
      const typical = nearest(benchByTier, tier, { intelligence: 50, coding: 50, math: 50, speed: 50 });
      return {
        intelligence: typical.intelligence - UNBENCHMARKED_PENALTY,
        coding: typical.coding - UNBENCHMARKED_PENALTY,
        math: typical.math - UNBENCHMARKED_PENALTY,
        speed: typical.speed - UNBENCHMARKED_PENALTY,
      };
    },
    pricing(tier) {
      return nearest(priceByTier, tier, { input: 1, output: 4 });
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
