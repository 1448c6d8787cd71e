import type { OpenAIUsage } from '../spec/chat-response';

/**
 * Token usage in Refract's own terms. `inputTokens` counts every prompt token, including those
 * read from or written to a prompt cache (OpenAI semantics); the cache fields say how many of
 * them were cached, so cost math can price them apart.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Of `inputTokens`, how many were read from a prompt cache. */
  cachedInputTokens?: number;
  /** Of `inputTokens`, how many were written to a prompt cache. */
  cacheWriteTokens?: number;
  /** Of `outputTokens`, how many were reasoning tokens. */
  reasoningTokens?: number;
}

/** Reads an OpenAI `usage` object. */
export function usageFromOpenAI(usage: OpenAIUsage): Usage {
  const out: Usage = { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const written = usage.prompt_tokens_details?.cache_write_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (cached) out.cachedInputTokens = cached;
  if (written) out.cacheWriteTokens = written;
  if (reasoning) out.reasoningTokens = reasoning;
  return out;
}

/** Writes an OpenAI `usage` object; detail objects appear only when they carry a value. */
export function usageToOpenAI(usage: Usage): OpenAIUsage {
  const out: OpenAIUsage = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens || usage.cacheWriteTokens) {
    out.prompt_tokens_details = {
      cached_tokens: usage.cachedInputTokens ?? 0,
      ...(usage.cacheWriteTokens ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
    };
  }
  if (usage.reasoningTokens) out.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return out;
}
