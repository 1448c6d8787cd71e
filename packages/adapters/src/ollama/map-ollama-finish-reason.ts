import type { FinishReason } from '@refract/core';

/**
 * Maps Ollama's `done_reason` to a finish reason. Ollama says `stop` after tool calls too, so a
 * response that called a tool finishes with `tool_calls`, as OpenAI clients expect.
 */
export function mapOllamaDoneReason(reason: unknown, calledTools: boolean): FinishReason {
  if (reason === 'length') return 'length';
  return calledTools ? 'tool_calls' : 'stop';
}
