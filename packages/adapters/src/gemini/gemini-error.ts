import {
  ProviderError,
  classifyProviderError,
  parseContextWindow,
  parseDuration,
  parseMaxTokensLimit,
  type ProviderErrorKind,
} from '@refract/core';
import { errorFromResponse, type HttpResponse, type ParsedErrorBody } from '../shared';

/** What the adapter reads from Gemini's `{error: {code, message, status, details}}`. */
export interface GeminiErrorBody {
  code?: number | undefined;
  message?: string | undefined;
  /** gRPC status name, e.g. `RESOURCE_EXHAUSTED`, `INVALID_ARGUMENT`, `UNAVAILABLE`. */
  status?: string | undefined;
  /** From a `google.rpc.RetryInfo` detail. */
  retryDelayMs?: number | undefined;
  /** From a `google.rpc.ErrorInfo` detail, e.g. `API_KEY_INVALID`. */
  reason?: string | undefined;
}

const CONTEXT_OVERFLOW_PATTERNS: readonly RegExp[] = [
  /exceeds the maximum number of tokens/i,
  /input token count.*exceeds/i,
  /input token count is \d+ but (?:the )?model only supports up to \d+/i,
];

/** Parses Gemini's error body (also the one-element array the REST streaming endpoint may send). */
export function parseGeminiErrorBody(json: unknown): GeminiErrorBody {
  const root = Array.isArray(json) ? json[0] : json;
  if (typeof root !== 'object' || root === null) return {};
  const error = (root as Record<string, unknown>)['error'];
  if (typeof error !== 'object' || error === null) return typeof error === 'string' ? { message: error } : {};
  const record = error as Record<string, unknown>;
  const body: GeminiErrorBody = {
    code: typeof record['code'] === 'number' ? record['code'] : undefined,
    message: typeof record['message'] === 'string' ? record['message'] : undefined,
    status: typeof record['status'] === 'string' ? record['status'] : undefined,
  };
  for (const detail of Array.isArray(record['details']) ? record['details'] : []) {
    if (typeof detail !== 'object' || detail === null) continue;
    const type = String((detail as Record<string, unknown>)['@type'] ?? '');
    const delay = (detail as Record<string, unknown>)['retryDelay'];
    const reason = (detail as Record<string, unknown>)['reason'];
    if (type.endsWith('google.rpc.RetryInfo') && typeof delay === 'string') body.retryDelayMs = parseDuration(delay);
    if (type.endsWith('google.rpc.ErrorInfo') && typeof reason === 'string') body.reason = reason;
  }
  return body;
}

/**
 * Builds the `ProviderError` for a Gemini error body, from an HTTP response or in-band in a
 * stream: RESOURCE_EXHAUSTED/429 → `rate_limit` (wait from the `retry-after` header, else
 * `RetryInfo.retryDelay`); token-limit messages → `context_overflow` with the window Gemini names;
 * an invalid API key → `auth`; UNAVAILABLE "overloaded" → `overloaded`; DEADLINE_EXCEEDED →
 * `timeout`; other 5xx → `server` (retryable).
 */
export function geminiError(provider: string, httpStatus: number | undefined, body: GeminiErrorBody, headerRetryAfterMs?: number): ProviderError {
  const status = httpStatus ?? body.code;
  const message = body.message ?? (status !== undefined ? `HTTP ${status}` : 'unknown error');
  const kind = classifyGeminiError(status, body, message);
  return new ProviderError({
    provider,
    kind,
    message: status !== undefined ? `HTTP ${status}: ${message}` : message,
    providerStatus: status,
    providerCode: body.status ?? (body.code !== undefined ? String(body.code) : undefined),
    retryAfterMs: headerRetryAfterMs ?? body.retryDelayMs,
    contextWindow: kind === 'context_overflow' ? parseGeminiContextWindow(message) : undefined,
    maxTokensLimit: kind === 'max_tokens' ? parseMaxTokensLimit(message) : undefined,
  });
}

/** The error of a non-2xx Gemini response (body read with the shared, size-bounded reader). */
export async function geminiErrorFromResponse(provider: string, response: HttpResponse): Promise<ProviderError> {
  let parsed: GeminiErrorBody = {};
  const capture = (json: unknown): ParsedErrorBody => {
    parsed = parseGeminiErrorBody(json);
    return { message: parsed.message, code: parsed.status };
  };
  const base = await errorFromResponse(provider, response, capture);
  const fallbackMessage = base.message.replace(/^\[[^\]]*\] HTTP \d+: /, '');
  return geminiError(provider, response.status, { ...parsed, message: parsed.message ?? fallbackMessage }, base.retryAfterMs);
}

function classifyGeminiError(status: number | undefined, body: GeminiErrorBody, message: string): ProviderErrorKind {
  if (CONTEXT_OVERFLOW_PATTERNS.some((pattern) => pattern.test(message))) return 'context_overflow';
  if (body.status === 'RESOURCE_EXHAUSTED' || status === 429) return 'rate_limit';
  if (body.reason === 'API_KEY_INVALID' || body.status === 'UNAUTHENTICATED') return 'auth';
  if (body.status === 'PERMISSION_DENIED') return 'permission';
  if (body.status === 'UNAVAILABLE' && /overloaded/i.test(message)) return 'overloaded';
  if (body.status === 'DEADLINE_EXCEEDED') return 'timeout';
  return classifyProviderError({ status, code: body.status, message });
}

function parseGeminiContextWindow(message: string): number | undefined {
  const match = /tokens allowed\s*\(?(\d+)\)?/i.exec(message) ?? /supports up to (\d+)/i.exec(message);
  const value = match?.[1] ? Number(match[1]) : undefined;
  return value !== undefined && Number.isFinite(value) ? value : parseContextWindow(message);
}
