import type { FinishReason, ProviderWarning } from '@refract/core';

export interface MappedStopReason {
  finishReason: FinishReason;
  warning?: ProviderWarning;
}

/**
 * Bedrock `stopReason` → OpenAI `finish_reason`:
 * end_turn, stop_sequence → stop; max_tokens → length; tool_use → tool_calls;
 * content_filtered, guardrail_intervened → content_filter; model_context_window_exceeded → length
 * (with a warning: the output filled the context window). malformed_model_output,
 * malformed_tool_use and unknown reasons → stop, with a warning naming the reason.
 */
export function mapBedrockStopReason(stopReason: string | undefined): MappedStopReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return { finishReason: 'stop' };
    case 'max_tokens':
      return { finishReason: 'length' };
    case 'tool_use':
      return { finishReason: 'tool_calls' };
    case 'content_filtered':
    case 'guardrail_intervened':
      return { finishReason: 'content_filter' };
    case 'model_context_window_exceeded':
      return {
        finishReason: 'length',
        warning: { type: 'other', message: 'Bedrock stopped because the model context window is full (model_context_window_exceeded).' },
      };
    default:
      return {
        finishReason: 'stop',
        warning: { type: 'other', message: `Bedrock stop reason '${stopReason ?? 'missing'}' has no OpenAI equivalent; finish_reason is 'stop'.` },
      };
  }
}
