import type { Usage } from '@refract/core';
import type { GeminiUsageMetadata } from './gemini-api-types';

/**
 * Reads Gemini `usageMetadata`. `inputTokens` = promptTokenCount + toolUsePromptTokenCount (it
 * includes cachedContentTokenCount, reported as `cachedInputTokens`); `outputTokens` =
 * candidatesTokenCount + thoughtsTokenCount (thinking is billed as output; reported as
 * `reasoningTokens`), so input + output equals Gemini's totalTokenCount. Returns undefined for
 * metadata without counts (stream chunks before the last carry only `trafficType`).
 *
 * @example
 * usageFromGemini({ promptTokenCount: 9, candidatesTokenCount: 29, thoughtsTokenCount: 282 });
 * // { inputTokens: 9, outputTokens: 311, reasoningTokens: 282 }
 */
export function usageFromGemini(metadata: GeminiUsageMetadata | undefined): Usage | undefined {
  if (!metadata || (metadata.promptTokenCount === undefined && metadata.candidatesTokenCount === undefined)) return undefined;
  const thoughts = count(metadata.thoughtsTokenCount);
  const cached = count(metadata.cachedContentTokenCount);
  const usage: Usage = {
    inputTokens: count(metadata.promptTokenCount) + count(metadata.toolUsePromptTokenCount),
    outputTokens: count(metadata.candidatesTokenCount) + thoughts,
  };
  if (cached > 0) usage.cachedInputTokens = cached;
  if (thoughts > 0) usage.reasoningTokens = thoughts;
  return usage;
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
