import type { ChatRequest, ReasoningEffort } from '@refract/core';
import type { AnthropicOutputConfig, AnthropicThinkingConfig } from './anthropic-api-types';
import type { AnthropicModelProfile } from './anthropic-model-profile';
import type { WarningCollector } from './anthropic-warnings';

/** `reasoning_effort` → `thinking.budget_tokens` on models with budgeted thinking. */
export const THINKING_BUDGETS: Readonly<Record<ReasoningEffort, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16_384,
};

/** `reasoning_effort` → `output_config.effort` on models with adaptive thinking. */
export const ADAPTIVE_EFFORTS: Readonly<Record<ReasoningEffort, NonNullable<AnthropicOutputConfig['effort']>>> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
};

/** Anthropic's smallest thinking budget. */
export const MIN_THINKING_BUDGET = 1024;

export interface ReasoningInput {
  request: ChatRequest;
  profile: AnthropicModelProfile;
  /** tool_choice forces a tool: Anthropic refuses thinking then. */
  forcesTool: boolean;
  /** The last assistant turn calls tools without its thinking blocks: Anthropic refuses thinking then. */
  lastAssistantLacksThinking: boolean;
}

export interface ReasoningTranslation {
  maxTokens: number;
  thinking?: AnthropicThinkingConfig | Record<string, unknown>;
  effort?: NonNullable<AnthropicOutputConfig['effort']>;
}

/**
 * `max_tokens` (required by Anthropic) and extended thinking.
 *
 * `max_completion_tokens ?? max_tokens` is the upper bound for everything generated, thinking
 * included (OpenAI's meaning); when the request sets neither, the model's default is used for the
 * answer and a warning says so, and a thinking budget is added on top of it.
 *
 * `reasoning_effort`: budgeted models get `thinking: {type:'enabled', budget_tokens}` from
 * `THINKING_BUDGETS` (lowered to fit `max_tokens`, with a warning); adaptive models get
 * `thinking: {type:'adaptive'}` and `output_config.effort` from `ADAPTIVE_EFFORTS`. A `thinking`
 * object in the request is sent as is and wins over `reasoning_effort`.
 */
export function convertAnthropicReasoning(input: ReasoningInput, warnings: WarningCollector): ReasoningTranslation {
  const { request, profile } = input;
  const requested = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const defaulted = requested === undefined;
  let maxTokens = requested ?? profile.defaultMaxTokens;
  if (defaulted) {
    warnings.changed('max_tokens', `Anthropic requires max_tokens; the request set none, so ${maxTokens} was sent (the default for ${request.model})`);
  }

  const native = (request as Record<string, unknown>)['thinking'];
  const effort = request.reasoning_effort ?? undefined;
  if (native && typeof native === 'object') {
    if (effort !== undefined) warnings.changed('reasoning_effort', 'the request sets `thinking` itself, which wins over reasoning_effort');
    return { maxTokens, thinking: native as Record<string, unknown> };
  }
  if (effort === undefined) return { maxTokens };

  if (profile.thinking === 'none') {
    warnings.unsupported('reasoning_effort', `${request.model} has no extended thinking; reasoning_effort was not sent`);
    return { maxTokens };
  }
  if (input.forcesTool) {
    warnings.changed('reasoning_effort', 'thinking was turned off: Anthropic does not allow thinking while tool_choice forces a tool call');
    return { maxTokens };
  }
  if (input.lastAssistantLacksThinking) {
    warnings.changed(
      'reasoning_effort',
      'thinking was turned off: the last assistant turn calls tools but carries no thinking_blocks, which Anthropic requires when thinking is on',
    );
    return { maxTokens };
  }

  if (profile.thinking === 'adaptive') {
    const mapped = ADAPTIVE_EFFORTS[effort];
    if (mapped !== effort) warnings.changed('reasoning_effort', `Anthropic has no "${effort}" effort; "${mapped}" was sent`);
    return { maxTokens, thinking: { type: 'adaptive' }, effort: mapped };
  }

  let budget = THINKING_BUDGETS[effort];
  if (defaulted) {
    maxTokens += budget;
  } else if (budget >= maxTokens) {
    if (maxTokens <= MIN_THINKING_BUDGET) {
      warnings.changed('reasoning_effort', `thinking was turned off: max_tokens ${maxTokens} leaves no room for Anthropic's minimum thinking budget of ${MIN_THINKING_BUDGET}`);
      return { maxTokens };
    }
    const lowered = Math.max(MIN_THINKING_BUDGET, Math.floor(maxTokens / 2));
    warnings.changed('reasoning_effort', `the thinking budget for "${effort}" (${budget}) was lowered to ${lowered} to fit max_tokens ${maxTokens}`);
    budget = lowered;
  }
  return { maxTokens, thinking: { type: 'enabled', budget_tokens: budget } };
}
