import type { Deployment } from '../deployments/deployment';
import { TIERS, compareTiers, tierIndex, type Tier } from '../tiers/tiers';
import { ineligibility, type EligibilityRules } from './eligibility';
import { scoreCandidates, type ScoreOptions, type ScoredCandidate } from './score-candidates';

export interface TierBounds {
  /** Soft bounds (rule floor and cap): searched first. */
  softMin?: Tier | undefined;
  softMax?: Tier | undefined;
  /** Hard bounds (tenant limits, requirements, budget guard): never crossed. */
  hardMin?: Tier | undefined;
  hardMax?: Tier | undefined;
  /** Tiers that may not be used at all (budget guard). */
  blocked?: readonly Tier[] | undefined;
}

export interface SelectionInput {
  deployments: readonly Deployment[];
  tier: Tier;
  bounds: TierBounds;
  eligibility: EligibilityRules;
  scoring: ScoreOptions;
  /** Search cheaper tiers before dearer ones when the tier is empty (budget guard on). */
  preferCheaper?: boolean;
}

export interface Selection {
  /** The tier the candidates came from (differs from the routed tier when that one was empty). */
  tier: Tier;
  /** Eligible candidates of that tier, best first. */
  ranked: ScoredCandidate[];
  /** Tiers looked at, in order, when the routed tier had no eligible model. */
  walked: Tier[];
  /** Deployments of the routed tier that were excluded, and why. */
  rejected: { key: string; reason: string }[];
  /** True when only a soft bound (a rule's floor or cap) had to be crossed to find a model. */
  crossedSoftBound: boolean;
}

/**
 * Picks the candidates for a tier: every routable deployment of that tier that the request may
 * use, scored by benchmark-weighted price-performance. When the tier has none, the nearest tier
 * with candidates is used (dearer first: quality is not lowered silently; cheaper first under a
 * budget guard), staying inside the soft bounds if possible and inside the hard bounds always.
 */
export function selectModel(input: SelectionInput): Selection {
  const rejected: { key: string; reason: string }[] = [];
  const byTier = new Map<Tier, Deployment[]>();
  for (const deployment of input.deployments) {
    if (!deployment.routable) continue;
    const reason = ineligibility(deployment, input.eligibility);
    if (reason !== undefined) {
      if (deployment.tier === input.tier) rejected.push({ key: deployment.key, reason });
      continue;
    }
    const list = byTier.get(deployment.tier);
    if (list) list.push(deployment);
    else byTier.set(deployment.tier, [deployment]);
  }

  const walked: Tier[] = [];
  const order = searchOrder(input.tier, input.preferCheaper === true);
  const hard = (tier: Tier): boolean => inBounds(tier, input.bounds.hardMin, input.bounds.hardMax) && !(input.bounds.blocked ?? []).includes(tier);
  const soft = (tier: Tier): boolean => inBounds(tier, input.bounds.softMin, input.bounds.softMax);

  for (const pass of [true, false]) {
    for (const tier of order) {
      if (!hard(tier) || (pass && !soft(tier))) continue;
      const candidates = byTier.get(tier);
      if (tier !== input.tier && !walked.includes(tier)) walked.push(tier);
      if (candidates && candidates.length > 0) {
        return { tier, ranked: scoreCandidates(candidates, input.scoring), walked: tier === input.tier ? [] : walked, rejected, crossedSoftBound: !pass };
      }
    }
  }
  return { tier: input.tier, ranked: [], walked, rejected, crossedSoftBound: false };
}

/** The routed tier, then one up, one down, two up, … (down first when `cheaperFirst`). */
export function searchOrder(tier: Tier, cheaperFirst: boolean): Tier[] {
  const origin = tierIndex(tier);
  const out: Tier[] = [tier];
  for (let distance = 1; distance < TIERS.length; distance += 1) {
    const up = origin + distance < TIERS.length ? TIERS[origin + distance] : undefined;
    const down = origin - distance >= 0 ? TIERS[origin - distance] : undefined;
    for (const candidate of cheaperFirst ? [down, up] : [up, down]) if (candidate !== undefined) out.push(candidate);
  }
  return out;
}

function inBounds(tier: Tier, min: Tier | undefined, max: Tier | undefined): boolean {
  if (min !== undefined && compareTiers(tier, min) < 0) return false;
  if (max !== undefined && compareTiers(tier, max) > 0) return false;
  return true;
}
