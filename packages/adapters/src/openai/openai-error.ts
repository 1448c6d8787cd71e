import { ProviderError, classifyProviderError, parseContextWindow, parseMaxTokensLimit } from '@refract/core';
import { errorFromResponse, finiteNumber, isRecord, nonEmptyString, parseCommonErrorBody, type HttpResponse, type ParsedErrorBody } from '../shared';

/** OpenAI error codes for which no retry helps, although the status (429) says otherwise. */
const NOT_RETRYABLE_CODES: ReadonlySet<string> = new Set(['insufficient_quota', 'billing_hard_limit_reached', 'account_deactivated']);

/**
 * Reads the error bodies of OpenAI and OpenAI-compatible servers: `{error:{message,type,code}}`
 * (OpenAI, Azure, Groq, DeepSeek, xAI, OpenRouter), `{error:"..."}`, vLLM/Mistral's top-level
 * `{object:'error', message, type, code}` and FastAPI's `{detail}`.
 */
export function parseOpenAIErrorBody(json: unknown): ParsedErrorBody {
  if (!isRecord(json)) return {};
  let parsed = parseCommonErrorBody(json);
  if (json['error'] === undefined || json['error'] === null) {
    parsed = {
      message: nonEmptyString(json['message']) ?? detailMessage(json['detail']),
      code: codeOf(json['code']),
      type: nonEmptyString(json['type']),
    };
  }
  const code = parsed.code?.toLowerCase();
  return code !== undefined && NOT_RETRYABLE_CODES.has(code) ? { ...parsed, retryable: false } : parsed;
}

/** The `ProviderError` for a non-2xx Chat Completions, embeddings or models response. */
export function openAIErrorFromResponse(provider: string, response: HttpResponse): Promise<ProviderError> {
  return errorFromResponse(provider, response, parseOpenAIErrorBody);
}

/** True for a stream payload or 200 body that reports an error instead of a completion. */
export function isOpenAIErrorPayload(payload: Record<string, unknown>): boolean {
  const error = payload['error'];
  return (error !== undefined && error !== null && error !== false) || payload['object'] === 'error';
}

/**
 * The `ProviderError` for an error sent inside a 200 response (an SSE `data: {"error":...}`
 * event, or a 200 body that is an error). A numeric `code`/`status` in the payload is used as the
 * HTTP status; a failure nothing identifies is a server failure.
 */
export function openAIInBandError(provider: string, payload: Record<string, unknown>): ProviderError {
  const parsed = parseOpenAIErrorBody(payload);
  const inner = isRecord(payload['error']) ? payload['error'] : payload;
  const status = statusOf(inner['code']) ?? statusOf(inner['status']);
  const message = parsed.message ?? JSON.stringify(payload).slice(0, 300);
  const classified = classifyProviderError({ status, code: parsed.code, type: parsed.type, message });
  const kind = classified === 'unknown' ? 'server' : classified;
  return new ProviderError({
    provider,
    kind,
    message: `error in the response stream: ${message}`,
    providerStatus: status,
    providerCode: parsed.code ?? parsed.type,
    retryable: parsed.retryable,
    maxTokensLimit: kind === 'max_tokens' ? parseMaxTokensLimit(message) : undefined,
    contextWindow: kind === 'context_overflow' ? parseContextWindow(message) : undefined,
  });
}

function statusOf(value: unknown): number | undefined {
  const number = finiteNumber(value) ?? (typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : undefined);
  return number !== undefined && number >= 400 && number <= 599 ? number : undefined;
}

function codeOf(value: unknown): string | undefined {
  return nonEmptyString(value) ?? (finiteNumber(value) !== undefined ? String(value) : undefined);
}

function detailMessage(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return JSON.stringify(detail).slice(0, 500);
  return undefined;
}
