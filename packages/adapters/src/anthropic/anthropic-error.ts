import { ProviderError, classifyProviderError } from '@refract/core';
import { errorFromResponse, headerValue, type HttpResponse } from '../shared';

/** The HTTP status Anthropic uses for each error type (in-band stream errors carry only the type). */
const STATUS_OF_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

const RATE_LIMITS = ['requests', 'tokens', 'input-tokens', 'output-tokens'];

/**
 * The `ProviderError` for a non-2xx Anthropic response (`{type:'error', error:{type, message}}`).
 * On top of the shared handling it reads the context window from Anthropic's
 * "input length and `max_tokens` exceed context limit: 188059 + 20000 > 200000" message, and,
 * when a 429/529 carries no `retry-after`, the wait until the exhausted `anthropic-ratelimit-*` limits reset.
 */
export async function anthropicErrorFromResponse(provider: string, response: HttpResponse, now: number = Date.now()): Promise<ProviderError> {
  const error = await errorFromResponse(provider, response);
  const contextWindow = error.contextWindow ?? (error.kind === 'context_overflow' ? parseLimitSum(error.message) : undefined);
  const retryAfterMs = error.retryAfterMs ?? (error.kind === 'rate_limit' || error.kind === 'overloaded' ? resetDelayMs(response, now) : undefined);
  if (contextWindow === error.contextWindow && retryAfterMs === error.retryAfterMs) return error;
  return new ProviderError({
    provider,
    kind: error.kind,
    message: error.message.replace(`[${provider}] `, ''),
    providerStatus: error.providerStatus,
    providerCode: error.providerCode,
    retryAfterMs,
    maxTokensLimit: error.maxTokensLimit,
    contextWindow,
    cause: error.cause,
  });
}

/**
 * An error event inside a 200 stream (`event: error`), e.g. `overloaded_error` → kind
 * `overloaded`, retryable. The error type decides the kind as its HTTP status would have.
 */
export function anthropicStreamError(provider: string, body: unknown): ProviderError {
  const error = body && typeof body === 'object' ? (body as Record<string, unknown>)['error'] : undefined;
  const record = error && typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const type = typeof record['type'] === 'string' ? record['type'] : undefined;
  const message = typeof record['message'] === 'string' && record['message'] !== '' ? record['message'] : (type ?? 'unknown error');
  const kind = classifyProviderError({ status: type ? STATUS_OF_TYPE[type] : undefined, type, message });
  return new ProviderError({
    provider,
    kind,
    message: `stream error${type ? ` (${type})` : ''}: ${message}`,
    providerCode: type,
    contextWindow: kind === 'context_overflow' ? parseLimitSum(message) : undefined,
  });
}

/** Whether a parsed body is Anthropic's error shape. */
export function isAnthropicErrorBody(body: unknown): boolean {
  return !!body && typeof body === 'object' && (body as Record<string, unknown>)['type'] === 'error';
}

/** "188059 + 20000 > 200000" → 200000. */
export function parseLimitSum(message: string): number | undefined {
  const match = /\d+\s*\+\s*\d+\s*>\s*(\d+)/.exec(message);
  const value = match?.[1] ? Number(match[1]) : undefined;
  return value !== undefined && Number.isFinite(value) && value >= 1000 ? value : undefined;
}

/** The wait until every exhausted limit (`anthropic-ratelimit-<limit>-remaining: 0`) resets. */
function resetDelayMs(response: HttpResponse, now: number): number | undefined {
  const delays: number[] = [];
  for (const limit of RATE_LIMITS) {
    const remaining = headerValue(response.headers, `anthropic-ratelimit-${limit}-remaining`);
    const reset = headerValue(response.headers, `anthropic-ratelimit-${limit}-reset`);
    const time = reset ? Date.parse(reset) : Number.NaN;
    if (remaining !== undefined && Number(remaining) === 0 && Number.isFinite(time)) delays.push(Math.max(0, time - now));
  }
  return delays.length > 0 ? Math.max(...delays) : undefined;
}
