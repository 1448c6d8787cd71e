import type { Deployment } from '../deployments/deployment';

/** What the request needs from a model. */
export interface RequestNeeds {
  vision: boolean;
  tools: boolean;
  json: boolean;
  inputTokens: number;
  /** Output tokens that must fit in the window after the input. */
  outputReserve: number;
}

export interface EligibilityRules {
  needs: RequestNeeds;
  /** Tenant allow/deny policy; true when the deployment may be used. */
  allowed(deployment: Deployment): boolean;
  /** Health (circuit breaker); true when the deployment may be called now. */
  available(deployment: Deployment): boolean;
  /** A context window learned from a provider error, which wins over the catalog's. */
  contextWindow(deployment: Deployment): number | undefined;
}

/** Why a deployment cannot serve this request, or undefined when it can. */
export function ineligibility(deployment: Deployment, rules: EligibilityRules): string | undefined {
  const { needs } = rules;
  if (!rules.allowed(deployment)) return 'not allowed by the tenant model policy';
  if (!rules.available(deployment)) return 'unavailable (circuit open)';
  if (needs.vision && !deployment.capabilities.vision) return 'no vision';
  if (needs.tools && !deployment.capabilities.tools) return 'no tool calling';
  if (needs.json && !deployment.capabilities.json) return 'no JSON mode';
  const window = rules.contextWindow(deployment);
  if (window !== undefined && needs.inputTokens + Math.min(needs.outputReserve, deployment.maxOutputTokens ?? needs.outputReserve) > window) {
    return `context window ${window} too small for ${needs.inputTokens} input tokens`;
  }
  return undefined;
}
