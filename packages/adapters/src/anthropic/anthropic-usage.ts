import type { Usage } from '@refract/core';
import type { AnthropicUsage } from './anthropic-api-types';

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Anthropic usage in Refract's terms. Anthropic's `input_tokens` excludes cached tokens, so
 * `inputTokens = input_tokens + cache_read_input_tokens + cache_creation_input_tokens`, with the
 * cache reads as `cachedInputTokens` and the cache writes as `cacheWriteTokens`;
 * `output_tokens_details.thinking_tokens`, when sent, becomes `reasoningTokens`.
 *
 * This is Anthropic's top-level usage. Extra `usage.iterations` (compaction, advisor model calls)
 * are billed apart by Anthropic and are not added in.
 */
export function usageFromAnthropic(usage: AnthropicUsage): Usage {
  const read = count(usage.cache_read_input_tokens);
  const written = count(usage.cache_creation_input_tokens);
  const out: Usage = { inputTokens: count(usage.input_tokens) + read + written, outputTokens: count(usage.output_tokens) };
  if (read > 0) out.cachedInputTokens = read;
  if (written > 0) out.cacheWriteTokens = written;
  const details = usage['output_tokens_details'];
  const thinking = details && typeof details === 'object' ? count((details as Record<string, unknown>)['thinking_tokens']) : 0;
  if (thinking > 0) out.reasoningTokens = thinking;
  return out;
}

/**
 * Stream usage: `message_start` carries the input side, `message_delta` the final output count and,
 * on newer models, final input and cache counts too. Fields present in the later object win.
 */
export function mergeAnthropicUsage(earlier: AnthropicUsage | undefined, later: AnthropicUsage | undefined): AnthropicUsage | undefined {
  if (!earlier) return later;
  if (!later) return earlier;
  const merged: AnthropicUsage = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
