import type { PricedRequest } from '../cost/price-request';
import type { Usage } from '../providers/usage';
import type { RouteDecision } from '../router/decision';

/** `auto_routing` in responses: how the request was routed. Clients that do not know it ignore it. */
export interface AutoRoutingInfo {
  model: string;
  provider: string;
  requested_model: string;
  mode: string;
  category: string;
  complexity: number;
  tier: string;
  confidence: number;
  cost_mode: string;
  reason: string;
  selection_method: string;
  routing_time_ms: number;
  fallbacks_tried: string[];
  warnings: string[];
}

/** `cost_info` in responses: what the request cost and saved, in USD. */
export interface CostInfo {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cost_usd: number;
  baseline_model: string | null;
  baseline_cost_usd: number;
  saved_usd: number;
  routing_cost_usd: number;
  usage_source: 'reported' | 'estimated';
}

export function autoRoutingInfo(decision: RouteDecision, served: { provider: string; model: string }, fallbacksTried: string[]): AutoRoutingInfo {
  return {
    model: served.model,
    provider: served.provider,
    requested_model: decision.requestedModel,
    mode: decision.mode,
    category: decision.category,
    complexity: decision.complexity,
    tier: decision.tier,
    confidence: decision.confidence,
    cost_mode: decision.costMode,
    reason: decision.reason,
    selection_method: decision.selectionMethod,
    routing_time_ms: decision.routingTimeMs,
    fallbacks_tried: fallbacksTried,
    warnings: decision.warnings.map((warning) => warning.code),
  };
}

export function costInfo(usage: Usage, priced: PricedRequest, baselineModel: string | undefined): CostInfo {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cached_input_tokens: usage.cachedInputTokens ?? 0,
    cost_usd: priced.costUsd,
    baseline_model: baselineModel ?? null,
    baseline_cost_usd: priced.baselineCostUsd,
    saved_usd: priced.savedUsd,
    routing_cost_usd: priced.routingCostUsd,
    usage_source: priced.usageSource,
  };
}

/** The `x-refract-*` response headers. */
export function refractHeaders(requestId: string, info: AutoRoutingInfo, cost: CostInfo | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'x-refract-request-id': requestId,
    'x-refract-model': info.model,
    'x-refract-provider': info.provider,
    'x-refract-category': info.category,
    'x-refract-tier': info.tier,
    'x-refract-mode': info.mode,
  };
  if (cost) headers['x-refract-cost-usd'] = String(cost.cost_usd);
  return headers;
}
