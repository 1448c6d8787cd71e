import type { Deployment } from '../deployments/deployment';
import { RefractError } from '../errors/refract-error';
import { ineligibility, type EligibilityRules } from '../selection/eligibility';
import { scoreCandidates, type ScoreOptions, type ScoredCandidate } from '../selection/score-candidates';
import { selectModel, type Selection, type TierBounds } from '../selection/select-model';
import { TIERS, compareTiers, tierAt, tierIndex, type Tier } from '../tiers/tiers';
import type { CandidateSummary, RouteTarget } from './decision';
import type { DeploymentIndex } from './deployment-index';
import type { TraceRecorder } from './trace';

export interface ChooseInput {
  index: DeploymentIndex;
  tier: Tier;
  bounds: TierBounds;
  eligibility: EligibilityRules;
  scoring: ScoreOptions;
  preferCheaper: boolean;
  recommendedModel: string | undefined;
  categoryDefaultModel: string | undefined;
  tenantDefaultModel: string | undefined;
  maxFallbacks: number;
  trace: TraceRecorder;
}

export interface Choice {
  primary: Deployment;
  tier: Tier;
  method: string;
  fallbacks: Deployment[];
  candidates: CandidateSummary[];
  estimatedCostUsd: number;
}

/**
 * Picks the primary deployment and its fallbacks. In order: the classifier's recommendation (if
 * eligible and within one tier of the routed tier and inside the bounds), the category's default
 * model (same conditions), then benchmark-weighted price-performance in the routed tier (nearest
 * tier when empty); the tenant's default model only when nothing else is eligible.
 */
export function chooseDeployment(input: ChooseInput): Choice {
  const { trace } = input;
  const selection = selectModel({
    deployments: input.index.all,
    tier: input.tier,
    bounds: input.bounds,
    eligibility: input.eligibility,
    scoring: input.scoring,
    preferCheaper: input.preferCheaper,
  });
  const candidates = summarize(selection.ranked.slice(0, 5));

  const preferred = [
    { name: input.recommendedModel, method: 'classifier_recommendation', label: 'classifier recommendation' },
    { name: input.categoryDefaultModel, method: 'category_default', label: 'category default model' },
  ];
  for (const option of preferred) {
    if (!option.name) continue;
    const found = pickNamed(option.name, input, selection.tier);
    if (found.deployment) {
      trace.add('selection', `${found.deployment.key} (${found.deployment.tier})`, `${option.label} '${option.name}'`, { candidates });
      const estimated = scoreCandidates([found.deployment], input.scoring)[0]?.estimatedCostUsd ?? 0;
      return finish(found.deployment, found.deployment.tier, option.method, selection, input, candidates, estimated);
    }
    trace.add('selection', `ignored ${option.label} '${option.name}'`, found.reason);
  }

  const best = selection.ranked[0];
  if (best) {
    const walked = selection.walked.length > 0 ? `; tier ${input.tier} had no eligible model, used ${selection.tier}${selection.crossedSoftBound ? ' (outside a rule bound)' : ''}` : '';
    const second = selection.ranked[1];
    const margin = second ? `, next ${second.deployment.key} ${second.score.toPrecision(3)}` : '';
    trace.add(
      'selection',
      `${best.deployment.key}`,
      `best price-performance of ${selection.ranked.length} candidate(s) in ${selection.tier}: quality ${best.quality.toFixed(1)}${best.deployment.benchmarkSource === 'tier-estimate' ? ' (estimated)' : ''}, ~$${best.estimatedCostUsd.toPrecision(3)}${best.deployment.priceSource === 'tier-estimate' ? ' (price estimated)' : ''}, score ${best.score.toPrecision(3)}${margin}${walked}`,
      { candidates, rejected: selection.rejected, walked: selection.walked },
    );
    return finish(best.deployment, selection.tier, 'benchmark', selection, input, candidates, best.estimatedCostUsd);
  }

  if (input.tenantDefaultModel) {
    const fallback = input.index.find(input.tenantDefaultModel).find((deployment) => ineligibility(deployment, input.eligibility) === undefined);
    if (fallback) {
      trace.add('selection', `${fallback.key}`, `no eligible model in any allowed tier; using the default model`, { rejected: selection.rejected });
      return finish(fallback, fallback.tier, 'default_model', selection, input, candidates, 0);
    }
  }
  const reasons = selection.rejected.map((entry) => `${entry.key}: ${entry.reason}`).join('; ');
  throw new RefractError(
    'REFRACT_ERR_NO_CANDIDATE',
    `No configured model can serve this request in tier ${input.tier}${reasons ? ` (${reasons})` : ''}. Check the tenant's model policy and tier limits, or configure a model with the needed capabilities and context window.`,
    { details: { tier: input.tier, rejected: selection.rejected, walked: selection.walked } },
  );
}

function pickNamed(name: string, input: ChooseInput, routedTier: Tier): { deployment?: Deployment; reason: string } {
  const found = input.index.find(name);
  if (found.length === 0) return { reason: 'not served by any configured provider' };
  for (const deployment of found) {
    const reason = ineligibility(deployment, input.eligibility);
    if (reason) continue;
    if (Math.abs(tierIndex(deployment.tier) - tierIndex(routedTier)) > 1) continue;
    if (!withinBounds(deployment.tier, input.bounds)) continue;
    return { deployment, reason: '' };
  }
  return { reason: `not eligible, or its tier is more than one step from ${routedTier} or outside the bounds` };
}

function withinBounds(tier: Tier, bounds: TierBounds): boolean {
  const low = [bounds.softMin, bounds.hardMin].filter((value): value is Tier => value !== undefined);
  const high = [bounds.softMax, bounds.hardMax].filter((value): value is Tier => value !== undefined);
  if (low.some((bound) => compareTiers(tier, bound) < 0)) return false;
  if (high.some((bound) => compareTiers(tier, bound) > 0)) return false;
  return !(bounds.blocked ?? []).includes(tier);
}

function finish(
  primary: Deployment,
  tier: Tier,
  method: string,
  selection: Selection,
  input: ChooseInput,
  candidates: CandidateSummary[],
  estimatedCostUsd: number,
): Choice {
  return { primary, tier, method, fallbacks: fallbacksFor(primary, selection, input), candidates, estimatedCostUsd };
}

/**
 * Fallbacks: the other candidates of the tier in score order (the same model at other providers
 * included), then the best candidate of the next tier up and the next tier down, all eligible
 * and inside the hard bounds; at most `maxFallbacks`.
 */
function fallbacksFor(primary: Deployment, selection: Selection, input: ChooseInput): Deployment[] {
  const out: Deployment[] = [];
  const add = (deployment: Deployment): void => {
    if (out.length < input.maxFallbacks && deployment.key !== primary.key && !out.some((entry) => entry.key === deployment.key)) out.push(deployment);
  };
  for (const candidate of selection.ranked) add(candidate.deployment);
  const hardBounds: TierBounds = { hardMin: input.bounds.hardMin, hardMax: input.bounds.hardMax, blocked: input.bounds.blocked };
  for (const step of [1, -1]) {
    const index = tierIndex(selection.tier) + step;
    if (out.length >= input.maxFallbacks || index < 0 || index >= TIERS.length) continue;
    const tier = tierAt(index);
    if (!withinBounds(tier, hardBounds)) continue;
    const eligible = input.index.all.filter(
      (deployment) => deployment.routable && deployment.tier === tier && ineligibility(deployment, input.eligibility) === undefined,
    );
    const best = scoreCandidates(eligible, input.scoring)[0];
    if (best) add(best.deployment);
  }
  return out;
}

function summarize(ranked: readonly ScoredCandidate[]): CandidateSummary[] {
  return ranked.map((candidate) => ({
    provider: candidate.deployment.provider,
    model: candidate.deployment.model,
    tier: candidate.deployment.tier,
    score: Number(candidate.score.toPrecision(4)),
    quality: Math.round(candidate.quality * 10) / 10,
    estimatedCostUsd: Number(candidate.estimatedCostUsd.toPrecision(4)),
    priceSource: candidate.deployment.priceSource,
    benchmarkSource: candidate.deployment.benchmarkSource,
  }));
}

export function toTarget(deployment: Deployment): RouteTarget {
  return { provider: deployment.provider, model: deployment.model, tier: deployment.tier };
}
