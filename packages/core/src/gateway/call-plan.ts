import { estimateCost } from '../cost/compute-cost';
import type { Router } from '../router/create-router';
import type { RouteDecision } from '../router/decision';
import type { CallPlan } from '../router/route-context';

/**
 * The worst case a routed request may cost: its input plus the most output it may produce (max
 * tokens, else the model's output limit, else the router's output reserve), at the primary's
 * prices. This is what admission reserves against a budget.
 */
export function callPlanFor(router: Router, decision: RouteDecision, kind: 'chat' | 'stream'): CallPlan {
  const deployment = router.deployment(decision.provider, decision.model);
  const maxOutputTokens =
    decision.request.max_completion_tokens ?? decision.request.max_tokens ?? deployment?.maxOutputTokens ?? router.config.routing.outputReserveTokens;
  const pricing = deployment?.pricing ?? { input: 0, output: 0 };
  return {
    kind,
    tenant: decision.tenant,
    provider: decision.provider,
    model: decision.model,
    tier: decision.tier,
    inputTokens: decision.estimatedInputTokens,
    maxOutputTokens,
    worstCaseUsd: estimateCost(decision.estimatedInputTokens, maxOutputTokens, pricing) + decision.routingCostUsd,
    decision,
  };
}
