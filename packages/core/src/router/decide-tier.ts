import type { Category } from '../catalog/category';
import type { CategorySet } from '../catalog/category-set';
import type { Classifier, ClassifierResult } from '../classifier/classifier';
import { runClassifier } from '../classifier/run-classifier';
import type { OverrideRule, TierState } from '../overrides/override-rule';
import { OVERRIDE_RULES } from '../overrides/rules';
import { applyRuleSet } from '../rules/apply-rule-set';
import type { PreRoute } from '../rules/pre-route';
import type { CostMode } from '../rules/rule-set-schema';
import type { TierBounds } from '../selection/select-model';
import type { Signals } from '../signals/signals';
import type { ChatRequest } from '../spec/chat-request';
import { clampTier, compareTiers, isTier, maxTier, minTier, shiftTier, type Tier } from '../tiers/tiers';
import { estimateComplexity } from './complexity';
import type { TenantContext } from './tenant-context';
import type { TraceRecorder } from './trace';

export interface BudgetGuardState {
  /** Cost mode forced while the tenant's budget guard is on. */
  costMode?: CostMode | undefined;
  /** Tiers the guard refuses. */
  blockedTiers?: readonly Tier[] | undefined;
}

export interface DecideTierInput {
  request: ChatRequest;
  signals: Signals;
  tenant: TenantContext;
  categories: CategorySet;
  classifier: Classifier | undefined;
  classifierTimeoutMs: number;
  previousSessionFill: number | undefined;
  guard: BudgetGuardState | undefined;
  /** Force-routing: the tier of the model the client asked for, which caps the result. */
  requestedTierCap: Tier | undefined;
  trace: TraceRecorder;
  signal: AbortSignal | undefined;
}

export interface TierDecision {
  preRoute: PreRoute;
  category: Category;
  tier: Tier;
  confidence: number;
  domain: string | undefined;
  complexity: number;
  costMode: CostMode;
  bounds: TierBounds;
  classifierName: string | undefined;
  classifierResult: ClassifierResult | undefined;
  routingCostUsd: number;
}

/**
 * Steps 3–9 of routing: rule-set hints, the classifier (only below the confidence threshold),
 * hints as floor and cap, the override rules, cost mode and tier boost, and the tenant's limits.
 * Every step that changes something writes a trace step saying why.
 */
export async function decideTier(input: DecideTierInput): Promise<TierDecision> {
  const { signals, tenant, categories, trace } = input;
  const settings = tenant.ruleSet.ruleSet;
  const preRoute = applyRuleSet(signals, tenant.ruleSet, categories);
  trace.add(
    'rule-set',
    `${preRoute.tier ?? 'no tier'}${preRoute.category ? ` / ${preRoute.category}` : ''} (confidence ${preRoute.confidence.toFixed(2)})`,
    preRoute.matches.length > 0 ? preRoute.matches.map((match) => `${match.kind}:${match.name} → ${match.effect}`).join('; ') : 'no rule matched',
    { ruleSet: settings.name, source: preRoute.source, floor: preRoute.floor, cap: preRoute.cap, domain: preRoute.domain },
  );

  let tier: Tier = preRoute.tier ?? 'medium';
  let categoryKey = preRoute.category;
  let domain = preRoute.domain;
  let confidence = preRoute.confidence;
  let classifierResult: ClassifierResult | undefined;
  let routingCostUsd = 0;
  let estimatedOutput = signals.expectedOutput;
  let frustration = signals.frustration;
  const turns = signals.userTurns;

  const threshold = settings.classifier.confidenceThreshold;
  if (input.classifier && !signals.isFim && preRoute.confidence < threshold) {
    const outcome = await runClassifier(
      input.classifier,
      { request: input.request, signals, categories: categories.all(), preRoute, settings: settings.classifier, tenant: tenant.slug },
      input.classifierTimeoutMs,
      input.signal,
    );
    if (outcome.status === 'ok') {
      const result = outcome.result;
      classifierResult = result;
      routingCostUsd = result.costUsd ?? 0;
      const known = result.category !== undefined && categories.has(result.category) ? result.category : undefined;
      categoryKey = known ?? categoryKey;
      const resultTier = result.tier !== undefined && isTier(result.tier) ? result.tier : known ? categories.get(known)?.tier : undefined;
      if (resultTier !== undefined) tier = resultTier;
      confidence = result.confidence;
      domain = result.domain ?? domain;
      estimatedOutput = result.estimatedOutput ?? estimatedOutput;
      frustration = frustration || result.frustration === true;
      trace.add(
        'classifier',
        `${known ?? 'no category'} / ${tier} (confidence ${result.confidence.toFixed(2)})`,
        `pre-route confidence ${preRoute.confidence.toFixed(2)} < ${threshold}; ${input.classifier.name}${result.cached ? ' (cached)' : ''}${result.reasoning ? `: ${result.reasoning}` : ''}`,
        { classifier: result.source ?? input.classifier.name, costUsd: routingCostUsd, ...(result.category && !known ? { unknownCategory: result.category } : {}) },
      );
    } else {
      const fallbackTier = preRoute.tier ?? 'medium';
      tier = fallbackTier;
      trace.add(
        'classifier',
        `failed: kept the signal route ${fallbackTier}`,
        outcome.status === 'timeout' ? `no answer within ${input.classifierTimeoutMs} ms` : `classifier error: ${outcome.error}`,
        { classifier: input.classifier.name, status: outcome.status },
      );
    }
  } else {
    trace.add(
      'classifier',
      'skipped',
      signals.isFim
        ? 'FIM requests are routed by their signals'
        : !input.classifier
          ? 'no classifier configured'
          : `pre-route confidence ${preRoute.confidence.toFixed(2)} ≥ ${threshold}`,
    );
  }

  // Rule hints bound the classifier (and the pre-route) both ways.
  const bounded = clampTier(tier, preRoute.floor, preRoute.cap);
  if (bounded !== tier) {
    trace.add('hints', `${tier} → ${bounded}`, compareTiers(bounded, tier) > 0 ? `rule floor ${preRoute.floor}` : `rule cap ${preRoute.cap}`);
    tier = bounded;
  }

  const category = resolveCategory(categoryKey, tier, domain, categories, signals.tokens);
  let state: TierState = { tier, category, domain, confidence, estimatedOutput, frustration, conversationTurns: turns };
  let requirementFloor: Tier | undefined;
  const context = { signals, settings: tenant.overrides, previousSessionFill: input.previousSessionFill };
  for (const name of tenant.overrides.order) {
    const rule: OverrideRule = OVERRIDE_RULES[name];
    const outcome = rule.apply(state, context);
    if (!outcome || outcome.tier === state.tier) continue;
    trace.add(`override:${name}`, `${state.tier} → ${outcome.tier}`, outcome.reason);
    if (outcome.requirement) requirementFloor = requirementFloor === undefined ? outcome.tier : maxTier(requirementFloor, outcome.tier);
    state = { ...state, tier: outcome.tier };
  }
  tier = state.tier;
  const taskTier = tier;

  const costMode = input.guard?.costMode ?? tenant.costMode;
  const shift = (costMode === 'economy' ? -1 : costMode === 'quality' ? 1 : 0) + tenant.tierBoost;
  if (shift !== 0) {
    const shifted = shiftTier(tier, shift);
    const parts = [costMode !== 'balanced' ? `cost mode ${costMode}${input.guard?.costMode ? ' (budget guard)' : ''}` : '', tenant.tierBoost !== 0 ? `tier boost ${tenant.tierBoost > 0 ? '+' : ''}${tenant.tierBoost}` : '']
      .filter(Boolean)
      .join(', ');
    trace.add('cost-mode', `${tier} → ${shifted}`, parts);
    tier = shifted;
  } else {
    trace.add('cost-mode', `${costMode}, no shift`, input.guard?.costMode ? 'budget guard cost mode' : `cost mode from ${tenant.tenant.routing.costMode ? 'tenant' : 'rule set / router'}`);
  }

  // Limits: rule caps (soft, except over capability requirements), the requested model's tier
  // under force-routing, and the tenant's hard min/max.
  const softMax = preRoute.cap !== undefined && requirementFloor !== undefined ? maxTier(preRoute.cap, requirementFloor) : preRoute.cap;
  let hardMin = tenant.minTier;
  let hardMax = tenant.maxTier;
  if (input.requestedTierCap !== undefined && !tenant.allowUpgradePastRequested) {
    hardMax = hardMax === undefined ? input.requestedTierCap : minTier(hardMax, input.requestedTierCap);
  }
  if (requirementFloor !== undefined && (hardMax === undefined || compareTiers(requirementFloor, hardMax) <= 0)) {
    hardMin = hardMin === undefined ? requirementFloor : maxTier(hardMin, requirementFloor);
  }
  const limited = clampTier(clampTier(tier, preRoute.floor, softMax), hardMin, hardMax);
  if (limited !== tier) {
    const reasons = [
      preRoute.cap !== undefined ? `rule cap ${softMax}` : '',
      preRoute.floor !== undefined ? `rule floor ${preRoute.floor}` : '',
      input.requestedTierCap !== undefined ? `requested model's tier ${input.requestedTierCap}` : '',
      tenant.minTier !== undefined ? `tenant min ${tenant.minTier}` : '',
      tenant.maxTier !== undefined ? `tenant max ${tenant.maxTier}` : '',
    ].filter(Boolean);
    trace.add('tier-limits', `${tier} → ${limited}`, reasons.join(', '));
    tier = limited;
  }

  return {
    preRoute,
    category,
    tier,
    confidence: Math.round(state.confidence * 1000) / 1000,
    domain: state.domain,
    complexity: estimateComplexity(taskTier, signals, classifierResult?.complexity),
    costMode,
    bounds: { softMin: preRoute.floor, softMax, hardMin, hardMax, blocked: input.guard?.blockedTiers },
    classifierName: classifierResult ? (classifierResult.source ?? input.classifier?.name) : undefined,
    classifierResult,
    routingCostUsd,
  };
}

/** The category for the request: the one hinted or classified, else a typical one for the tier and domain. */
export function resolveCategory(key: string | undefined, tier: Tier, domain: string | undefined, categories: CategorySet, tokens = 0): Category {
  const known = key !== undefined ? categories.get(key) : undefined;
  if (known) return known;
  const byDomain: Record<string, string> = { legal: 'legal_analysis', medical: 'medical_analysis', finance: 'financial_analysis' };
  // Nothing named a category: a general one by size and tier. Only a few words are smalltalk;
  // a long unclassified input is a document question.
  const general = tokens <= 40 ? 'smalltalk_simple' : tokens > 8000 ? 'document_qa' : 'analysis_simple';
  const byTier: Record<Tier, string> = {
    micro: general,
    minimal: general,
    low: general,
    medium: general,
    advanced: 'analysis_complex',
    high: 'reasoning_deep',
    ultra: 'reasoning_formal',
    critical: 'sensitive_critical',
  };
  const candidates = [domain ? byDomain[domain] : undefined, byTier[tier]];
  for (const candidate of candidates) {
    const category = candidate ? categories.get(candidate) : undefined;
    if (category) return category;
  }
  return categories.ofTier(tier)[0] ?? (categories.all()[0] as Category);
}
