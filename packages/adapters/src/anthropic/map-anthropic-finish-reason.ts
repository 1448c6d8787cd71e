import type { FinishReason, ProviderWarning } from '@refract/core';

export interface MappedFinishReason {
  finishReason: FinishReason;
  warning?: ProviderWarning;
}

/**
 * Anthropic `stop_reason` → OpenAI `finish_reason`:
 * `end_turn`, `stop_sequence` → `stop`; `max_tokens`, `model_context_window_exceeded` → `length`;
 * `tool_use` → `tool_calls` (or `stop` when the only tool used carried the JSON-schema answer);
 * `refusal` → `content_filter`; `pause_turn` (a server-tool turn Anthropic paused; send the
 * conversation back to continue it) → `stop` with a warning; anything else → `stop` with a warning.
 */
export function mapAnthropicFinishReason(stopReason: string | null | undefined, options: { answeredWithJsonTool?: boolean } = {}): MappedFinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    case null:
    case undefined:
      return { finishReason: 'stop' };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { finishReason: 'length' };
    case 'tool_use':
      return { finishReason: options.answeredWithJsonTool ? 'stop' : 'tool_calls' };
    case 'refusal':
      return { finishReason: 'content_filter' };
    case 'pause_turn':
      return {
        finishReason: 'stop',
        warning: {
          type: 'other',
          parameter: 'finish_reason',
          message: 'Anthropic paused a long server-tool turn (stop_reason pause_turn); send the conversation back as is to let it continue',
        },
      };
    default:
      return {
        finishReason: 'stop',
        warning: { type: 'other', parameter: 'finish_reason', message: `unknown Anthropic stop_reason "${stopReason}" was reported as "stop"` },
      };
  }
}
