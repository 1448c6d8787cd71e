import type { Usage } from '@refract/core';
import type { BedrockUsage } from './bedrock-api-types';

/**
 * Bedrock usage → Refract `Usage`. Bedrock's `inputTokens` excludes prompt-cache reads and writes
 * (`cacheReadInputTokens`, `cacheWriteInputTokens`); Refract's `inputTokens` includes them.
 */
export function usageFromBedrock(usage: BedrockUsage | undefined): Usage | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const read = count(usage.cacheReadInputTokens);
  const written = count(usage.cacheWriteInputTokens);
  const out: Usage = { inputTokens: count(usage.inputTokens) + read + written, outputTokens: count(usage.outputTokens) };
  if (read > 0) out.cachedInputTokens = read;
  if (written > 0) out.cacheWriteTokens = written;
  return out;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
