import type { ChatRequest } from '../spec/chat-request';

export interface ClampResult {
  request: ChatRequest;
  /** Set when a limit was lowered. */
  clamped?: { field: 'max_tokens' | 'max_completion_tokens'; from: number; to: number; reason: string };
}

/**
 * Lowers `max_completion_tokens` / `max_tokens` to what the model can produce: its output limit,
 * and the room left in its context window after the input. Never below 1. A request that sets
 * neither is left alone (the provider's default applies).
 */
export function clampMaxTokens(
  request: ChatRequest,
  limits: { maxOutputTokens: number | undefined; contextWindow: number | undefined; inputTokens: number },
): ClampResult {
  let result: ClampResult = { request };
  for (const field of ['max_completion_tokens', 'max_tokens'] as const) {
    const value = request[field];
    if (typeof value !== 'number') continue;
    let limit = Number.POSITIVE_INFINITY;
    let reason = '';
    if (limits.maxOutputTokens !== undefined && limits.maxOutputTokens < limit) {
      limit = limits.maxOutputTokens;
      reason = `the model's output limit is ${limits.maxOutputTokens}`;
    }
    if (limits.contextWindow !== undefined) {
      const headroom = limits.contextWindow - limits.inputTokens;
      if (headroom > 0 && headroom < limit) {
        limit = headroom;
        reason = `${headroom} tokens are left in the ${limits.contextWindow}-token window`;
      }
    }
    const to = Math.max(1, Math.min(value, limit));
    if (to < value) {
      result = { request: { ...result.request, [field]: to }, clamped: { field, from: value, to, reason } };
    }
  }
  return result;
}
