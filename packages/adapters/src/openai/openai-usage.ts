import type { OpenAIUsage } from '@refract/core';
import { finiteNumber, isRecord } from '../shared';

/**
 * Reads a Chat Completions `usage` object from any OpenAI-compatible server into the canonical
 * shape, keeping every detail field (cached_tokens, reasoning_tokens, audio, prediction, vendor
 * extras). Returns undefined when there is no usable usage.
 *
 * Normalisations: a missing `total_tokens` is the sum; DeepSeek's `prompt_cache_hit_tokens`
 * becomes `prompt_tokens_details.cached_tokens`; and when a server counts reasoning tokens outside
 * `completion_tokens` (xAI: total = prompt + completion + reasoning), they are added back so that
 * `completion_tokens` includes them, as OpenAI defines it and as cost math expects.
 */
export function normalizeOpenAIUsage(raw: unknown): OpenAIUsage | undefined {
  if (!isRecord(raw)) return undefined;
  const prompt = finiteNumber(raw['prompt_tokens']);
  let completion = finiteNumber(raw['completion_tokens']);
  if (prompt === undefined && completion === undefined) return undefined;
  const completionDetails = isRecord(raw['completion_tokens_details']) ? raw['completion_tokens_details'] : undefined;
  const reasoning = finiteNumber(completionDetails?.['reasoning_tokens']) ?? 0;
  const total = finiteNumber(raw['total_tokens']);
  if (reasoning > 0 && total !== undefined && total === (prompt ?? 0) + (completion ?? 0) + reasoning) {
    completion = (completion ?? 0) + reasoning;
  }
  const usage: Record<string, unknown> = {
    ...raw,
    prompt_tokens: prompt ?? 0,
    completion_tokens: completion ?? 0,
    total_tokens: total ?? (prompt ?? 0) + (completion ?? 0),
  };
  const promptDetails = isRecord(raw['prompt_tokens_details']) ? raw['prompt_tokens_details'] : undefined;
  const cacheHits = finiteNumber(raw['prompt_cache_hit_tokens']);
  if (finiteNumber(promptDetails?.['cached_tokens']) === undefined && cacheHits !== undefined) {
    usage['prompt_tokens_details'] = { ...promptDetails, cached_tokens: cacheHits };
  }
  return usage as OpenAIUsage;
}

/** Usage from a chunk or body: `usage`, else Groq's `x_groq.usage`. */
export function usageOfPayload(payload: Record<string, unknown>): OpenAIUsage | undefined {
  const direct = normalizeOpenAIUsage(payload['usage']);
  if (direct) return direct;
  const groq = payload['x_groq'];
  return isRecord(groq) ? normalizeOpenAIUsage(groq['usage']) : undefined;
}
