import type { Deployment } from '../deployments/deployment';
import { RefractError } from '../errors/refract-error';
import { applyRuleSet } from '../rules/apply-rule-set';
import { benchmarkWeightsFor, DEFAULT_BENCHMARK_WEIGHTS } from '../selection/benchmark-weights';
import { ineligibility, type EligibilityRules } from '../selection/eligibility';
import { COST_MODE_EXPONENTS } from '../selection/score-candidates';
import { extractSignals, summarizeSignals } from '../signals/extract-signals';
import { EXPECTED_OUTPUT_TOKENS } from '../signals/output-length';
import type { Signals } from '../signals/signals';
import { parseChatRequest } from '../spec/parse';
import type { ChatRequest } from '../spec/chat-request';
import { estimateCost } from '../cost/compute-cost';
import { chooseDeployment, toTarget } from './choose-deployment';
import { estimateComplexity } from './complexity';
import type { Router } from './create-router';
import { decideTier, resolveCategory } from './decide-tier';
import type { RouteDecision, RouteMode, RouteWarning } from './decision';
import { planRequest } from './plan-request';
import { resolveModel, type ModelResolution } from './resolve-model';
import type { RouteContext } from './route-context';
import type { TenantContext } from './tenant-context';
import { TraceRecorder } from './trace';

/** The routing pipeline behind `router.route()` (and, through it, `chat()` and `stream()`). */
export async function runRoute(router: Router, input: unknown, context: RouteContext): Promise<RouteDecision> {
  const started = performance.now();
  const trace = new TraceRecorder();
  const request = context.validated ? (input as ChatRequest) : parseChatRequest(input);
  const slug = context.tenant ?? router.config.defaultTenant;
  const tenant = router.tenants.peek(slug) ?? (await router.tenants.get(slug));
  if (!tenant.tenant.enabled) throw new RefractError('REFRACT_ERR_TENANT_DISABLED', `Tenant '${slug}' is disabled.`);
  const settings = router.config.routing;

  const resolution = resolveModel(request.model, tenant, router.deployments, settings);
  trace.add(
    'resolve-model',
    resolution.kind === 'auto' ? `route '${resolution.requested}'` : `'${resolution.requested}' → ${resolution.deployments.map((d) => d.key).join(', ')}`,
    resolution.alias ? `alias '${resolution.alias}' of tenant ${slug}` : resolution.kind === 'auto' ? 'an auto model was requested' : 'a concrete model was requested',
  );
  const signals = extractSignals(request, { tokenizer: router.tokenizer });
  trace.add('signals', summarizeSignals(signals), `estimated with the ${router.tokenizer.name} tokenizer`, signalData(signals));

  const eligibility = eligibilityRules(router, tenant, context, signals, request);
  const keepExplicit =
    resolution.kind === 'explicit' &&
    (resolution.optOut || tenant.forceRouteMode === 'off' || (tenant.forceRouteMode === 'fim_only' && !signals.isFim));
  if (resolution.kind === 'explicit' && keepExplicit) {
    const why = resolution.optOut ? `the opt-out suffix '${settings.optOutSuffix}' was used` : `force-route mode is ${tenant.forceRouteMode}`;
    return explicitDecision(router, request, resolution, tenant, signals, eligibility, trace, started, why);
  }

  const previousSessionFill =
    context.previousSessionFill ?? (context.sessionId ? (await router.store.getSessionState(slug, context.sessionId))?.lastContextFill : undefined);
  const requested = resolution.kind === 'explicit' ? resolution.deployments[0] : undefined;
  const tiers = await decideTier({
    request,
    signals,
    tenant,
    categories: router.categories,
    classifier: router.classifier,
    classifierTimeoutMs: settings.classifierTimeoutMs,
    previousSessionFill,
    guard: context.guard,
    requestedTierCap: requested?.tier,
    trace,
    signal: context.signal,
  });

  if (resolution.kind === 'explicit' && tenant.forceRouteMode === 'smart') {
    const substantial = settings.substantialCategoryPrefixes.some((prefix) => tiers.category.key.startsWith(prefix));
    if (substantial) {
      return explicitDecision(router, request, resolution, tenant, signals, eligibility, trace, started, `force-route mode smart keeps the requested model for substantial category ${tiers.category.key}`);
    }
  }

  const weights = benchmarkWeightsFor(tiers.category.key, { ...DEFAULT_BENCHMARK_WEIGHTS, ...(settings.benchmarkWeights ?? {}) });
  const exponents = settings.selectionExponents?.[tiers.costMode] ?? COST_MODE_EXPONENTS[tiers.costMode];
  const expectedOutputTokens = signals.requestedMaxTokens !== undefined ? Math.min(signals.requestedMaxTokens, EXPECTED_OUTPUT_TOKENS.long * 2) : EXPECTED_OUTPUT_TOKENS[signals.expectedOutput];
  const choice = chooseDeployment({
    index: router.deployments,
    tier: tiers.tier,
    bounds: tiers.bounds,
    eligibility,
    scoring: { weights, exponents, inputTokens: signals.tokens, expectedOutputTokens },
    preferCheaper: context.guard !== undefined && (context.guard.costMode !== undefined || (context.guard.blockedTiers?.length ?? 0) > 0),
    recommendedModel: tiers.classifierResult?.recommendedModel,
    categoryDefaultModel: tiers.category.defaultModel,
    tenantDefaultModel: tenant.defaultModel,
    maxFallbacks: settings.maxFallbacks,
    trace,
  });

  const plan = planRequest({
    request,
    primary: choice.primary,
    mayChangeModel: true,
    deployments: router.deployments.all,
    eligibility,
    inputTokens: signals.tokens,
    settings,
    tokenizer: router.tokenizer,
    trace,
  });
  const fallbacks = choice.fallbacks.filter((deployment) => deployment.key !== plan.primary.key);
  trace.add('fallbacks', fallbacks.length > 0 ? fallbacks.map((d) => d.key).join(', ') : 'none', 'other eligible candidates of the tier, then the best of the neighbouring tiers');

  const warnings: RouteWarning[] = [...plan.warnings];
  if (choice.tier !== tiers.tier) warnings.push({ code: 'tier_unavailable', message: `No eligible model in tier ${tiers.tier}; used ${choice.tier}.` });
  const mode: RouteMode = resolution.kind === 'explicit' ? 'force-routed' : 'auto';
  const baselineModel = tenant.baselineModel ?? (resolution.kind === 'explicit' ? resolution.deployments[0]?.model : undefined);
  const estimatedCostUsd = estimateCost(signals.tokens, expectedOutputTokens, plan.primary.pricing);
  return {
    tenant: slug,
    requestedModel: request.model,
    mode,
    model: plan.primary.model,
    provider: plan.primary.provider,
    category: tiers.category.key,
    complexity: tiers.complexity,
    tier: plan.primary.tier,
    confidence: tiers.confidence,
    costMode: tiers.costMode,
    fallbacks: fallbacks.map(toTarget),
    warnings,
    trace: trace.steps,
    reason: `${mode === 'force-routed' ? 'force-routed' : 'auto-routed'} ${tiers.category.key} (${tiers.tier}, ${tiers.costMode}) to ${plan.primary.key} by ${choice.method}`,
    request: plan.request,
    signals,
    preRoute: tiers.preRoute,
    selectionMethod: choice.method,
    candidates: choice.candidates,
    estimatedInputTokens: signals.tokens,
    estimatedCostUsd: Number(estimatedCostUsd.toPrecision(4)),
    contextWindow: plan.contextWindow,
    routingCostUsd: tiers.routingCostUsd,
    routingTimeMs: round(performance.now() - started),
    baselineModel,
    classifier: tiers.classifierName,
  };
}

function explicitDecision(
  router: Router,
  request: ChatRequest,
  resolution: Extract<ModelResolution, { kind: 'explicit' }>,
  tenant: TenantContext,
  signals: Signals,
  eligibility: EligibilityRules,
  trace: TraceRecorder,
  started: number,
  why: string,
): RouteDecision {
  const usable = resolution.deployments.filter((deployment) => ineligibility(deployment, { ...eligibility, needs: { ...eligibility.needs, vision: false, tools: false, json: false } }) === undefined);
  const primary: Deployment = usable[0] ?? (resolution.deployments[0] as Deployment);
  trace.add('selection', primary.key, `kept the requested model: ${why}`);
  const preRoute = applyRuleSet(signals, tenant.ruleSet, router.categories);
  const category = resolveCategory(preRoute.category, primary.tier, preRoute.domain, router.categories, signals.tokens);
  const plan = planRequest({
    request,
    primary,
    mayChangeModel: false,
    deployments: router.deployments.all,
    eligibility,
    inputTokens: signals.tokens,
    settings: router.config.routing,
    tokenizer: router.tokenizer,
    trace,
  });
  const fallbacks = usable.filter((deployment) => deployment.key !== primary.key).slice(0, router.config.routing.maxFallbacks);
  const expected = signals.requestedMaxTokens ?? EXPECTED_OUTPUT_TOKENS[signals.expectedOutput];
  return {
    tenant: tenant.slug,
    requestedModel: request.model,
    mode: 'explicit',
    model: primary.model,
    provider: primary.provider,
    category: category.key,
    complexity: estimateComplexity(preRoute.tier ?? primary.tier, signals, undefined),
    tier: primary.tier,
    confidence: 1,
    costMode: tenant.costMode,
    fallbacks: fallbacks.map(toTarget),
    warnings: plan.warnings,
    trace: trace.steps,
    reason: `kept ${primary.key}: ${why}`,
    request: plan.request,
    signals,
    preRoute,
    selectionMethod: 'explicit',
    candidates: [],
    estimatedInputTokens: signals.tokens,
    estimatedCostUsd: Number(estimateCost(signals.tokens, expected, primary.pricing).toPrecision(4)),
    contextWindow: plan.contextWindow,
    routingCostUsd: 0,
    routingTimeMs: round(performance.now() - started),
    baselineModel: tenant.baselineModel,
    classifier: undefined,
  };
}

function eligibilityRules(router: Router, tenant: TenantContext, context: RouteContext, signals: Signals, request: ChatRequest): EligibilityRules {
  const requestedMax = signals.requestedMaxTokens;
  return {
    needs: {
      vision: signals.hasImages,
      tools: signals.hasTools || request.messages.some((message) => message.role === 'tool'),
      json: request.response_format?.type === 'json_schema',
      inputTokens: signals.tokens,
      outputReserve: requestedMax ?? 1024,
    },
    allowed: (deployment) => tenant.allowed(deployment),
    available: (deployment) => context.isAvailable?.(deployment.provider, deployment.model) ?? true,
    contextWindow: (deployment) => router.learnedWindows.get(deployment.key) ?? deployment.contextWindow,
  };
}

function signalData(signals: Signals): Record<string, unknown> {
  const { systemPrompt, lastUserMessage, ...rest } = signals;
  return { ...rest, systemPromptChars: systemPrompt.length, lastUserMessageChars: lastUserMessage.length };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
