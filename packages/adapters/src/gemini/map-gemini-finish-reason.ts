import type { FinishReason, ProviderWarning } from '@refract/core';

const CONTENT_FILTER_REASONS = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

export interface FinishMapping {
  finishReason: FinishReason;
  /** Set when the Gemini reason says more than the OpenAI one can. */
  warning?: ProviderWarning;
}

/**
 * Maps a Gemini `finishReason` to an OpenAI finish reason:
 * STOP → `stop` (`tool_calls` when the candidate called functions); MAX_TOKENS → `length`;
 * SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII and the IMAGE_* filters →
 * `content_filter` (with a `content-filtered` warning naming the reason); everything else
 * (MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, MISSING_THOUGHT_SIGNATURE,
 * LANGUAGE, OTHER, …) → `stop` with a warning carrying Gemini's reason and `finishMessage`.
 *
 * @example
 * mapGeminiFinishReason('MAX_TOKENS', false); // { finishReason: 'length' }
 */
export function mapGeminiFinishReason(reason: string, hasToolCalls: boolean, finishMessage?: string): FinishMapping {
  if (reason === 'STOP') return { finishReason: hasToolCalls ? 'tool_calls' : 'stop' };
  if (reason === 'MAX_TOKENS') return { finishReason: 'length' };
  const detail = finishMessage ? `: ${finishMessage}` : '';
  if (CONTENT_FILTER_REASONS.has(reason)) {
    return {
      finishReason: 'content_filter',
      warning: { type: 'content-filtered', parameter: 'finish_reason', message: `Gemini stopped the answer (${reason})${detail}` },
    };
  }
  return {
    finishReason: hasToolCalls ? 'tool_calls' : 'stop',
    warning: { type: 'other', parameter: 'finish_reason', message: `Gemini finished with ${reason}${detail}` },
  };
}
