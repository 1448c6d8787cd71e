import type { ChatRequest, ProviderWarning, ReasoningEffort } from '@refract/core';

/**
 * `reasoning_effort` → Anthropic extended-thinking budget (`budget_tokens`) on Bedrock. OpenAI's
 * `max_completion_tokens` counts reasoning tokens, and so does Anthropic's `max_tokens`, so the
 * budget must fit under it.
 */
export const THINKING_BUDGET: Record<ReasoningEffort, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
};
/** Smallest budget Anthropic accepts. */
export const MIN_THINKING_BUDGET = 1024;
/** Room left for the answer when the caller set no max_tokens. */
export const DEFAULT_ANSWER_TOKENS = 8192;

export interface ReasoningPlan {
  thinking: boolean;
  /** `maxTokens` to send (the caller's, or budget + answer room when thinking without one). */
  maxTokens: number | undefined;
  /** Fields for `additionalModelRequestFields`. */
  fields: Record<string, unknown>;
  /** Sampling parameters extended thinking does not allow are dropped. */
  dropTemperature: boolean;
  dropTopP: boolean;
}

/** True for Anthropic models, by base id, cross-region profile id or ARN. */
export function isAnthropicModel(modelId: string): boolean {
  return /(?:^|[./:])anthropic\.claude/i.test(modelId);
}

/** Decides the thinking configuration for a request. */
export function planReasoning(request: ChatRequest, maxTokens: number | undefined, warnings: ProviderWarning[]): ReasoningPlan {
  const plan: ReasoningPlan = { thinking: false, maxTokens, fields: {}, dropTemperature: false, dropTopP: false };
  const effort = request.reasoning_effort;
  if (effort === undefined || effort === null) return plan;
  if (!isAnthropicModel(request.model)) {
    warnings.push({
      type: 'unsupported-parameter',
      parameter: 'reasoning_effort',
      message: `reasoning_effort is mapped to extended thinking for Anthropic models only; ${request.model} is not one, so it was not sent.`,
    });
    return plan;
  }
  let budget = THINKING_BUDGET[effort];
  if (maxTokens !== undefined) {
    if (maxTokens <= MIN_THINKING_BUDGET) {
      warnings.push({
        type: 'unsupported-parameter',
        parameter: 'reasoning_effort',
        message: `extended thinking needs max_tokens above ${MIN_THINKING_BUDGET}; it was not enabled.`,
      });
      return plan;
    }
    if (budget >= maxTokens) {
      budget = Math.max(MIN_THINKING_BUDGET, maxTokens - 1);
      warnings.push({
        type: 'parameter-changed',
        parameter: 'reasoning_effort',
        message: `thinking budget for '${effort}' lowered to ${budget} tokens to fit max_tokens ${maxTokens}.`,
      });
    }
  }
  plan.thinking = true;
  plan.maxTokens = maxTokens ?? budget + DEFAULT_ANSWER_TOKENS;
  plan.fields = { thinking: { type: 'enabled', budget_tokens: budget } };
  if (request.temperature !== undefined && request.temperature !== null && request.temperature !== 1) {
    plan.dropTemperature = true;
    warnings.push({ type: 'parameter-changed', parameter: 'temperature', message: 'extended thinking does not allow temperature; it was not sent.' });
  }
  if (request.top_p !== undefined && request.top_p !== null && request.top_p < 0.95) {
    plan.dropTopP = true;
    warnings.push({ type: 'parameter-changed', parameter: 'top_p', message: 'extended thinking allows top_p of 0.95 or more only; it was not sent.' });
  }
  return plan;
}
