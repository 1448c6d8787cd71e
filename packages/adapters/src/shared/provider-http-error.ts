import {
  ProviderError,
  classifyProviderError,
  parseContextWindow,
  parseMaxTokensLimit,
  parseRetryAfterMs,
} from '@refract/core';
import { headerValue, type HttpResponse } from './http';

/** What an adapter extracted from its provider's error body. */
export interface ParsedErrorBody {
  message?: string | undefined;
  code?: string | undefined;
  type?: string | undefined;
  /** Overrides the default retryability of the classified kind (e.g. OpenAI `insufficient_quota` is a 429 that no retry fixes). */
  retryable?: boolean | undefined;
}

/**
 * Builds the `ProviderError` for a non-2xx response: reads the body (bounded), lets the adapter
 * pick message/code/type out of its provider's error shape, classifies the failure, and reads
 * `retry-after` headers.
 */
export async function errorFromResponse(
  provider: string,
  response: HttpResponse,
  parseBody: (json: unknown) => ParsedErrorBody = parseCommonErrorBody,
): Promise<ProviderError> {
  const text = await readBounded(response.body, 64 * 1024);
  let parsed: ParsedErrorBody = {};
  try {
    parsed = parseBody(JSON.parse(text));
  } catch {
    parsed = {};
  }
  const message = parsed.message ?? (text.trim().slice(0, 500) || `HTTP ${response.status}`);
  const kind = classifyProviderError({ status: response.status, code: parsed.code, type: parsed.type, message });
  const retryAfterMs = parseRetryAfterMs((name) => headerValue(response.headers, name));
  const maxTokensLimit = kind === 'max_tokens' ? parseMaxTokensLimit(message) : undefined;
  const contextWindow = kind === 'context_overflow' ? parseContextWindow(message) : undefined;
  return new ProviderError({
    provider,
    kind,
    message: `HTTP ${response.status}: ${message}`,
    providerStatus: response.status,
    providerCode: parsed.code ?? parsed.type,
    retryable: parsed.retryable,
    retryAfterMs,
    maxTokensLimit,
    contextWindow,
  });
}

/**
 * The common error shapes: OpenAI `{error:{message,type,code}}`, Anthropic
 * `{type:'error', error:{type,message}}`, Gemini `{error:{code,message,status}}`, Ollama
 * `{error:'...'}`, Bedrock `{message}` with the type in a header.
 */
export function parseCommonErrorBody(json: unknown): ParsedErrorBody {
  if (!json || typeof json !== 'object') return {};
  const record = json as Record<string, unknown>;
  const error = record['error'];
  if (typeof error === 'string') return { message: error };
  if (error && typeof error === 'object') {
    const inner = error as Record<string, unknown>;
    return {
      message: stringOf(inner['message']),
      code: stringOf(inner['code']) ?? stringOf(inner['status']),
      type: stringOf(inner['type']),
    };
  }
  return { message: stringOf(record['message']) ?? stringOf(record['Message']), code: stringOf(record['code']), type: stringOf(record['__type']) };
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Reads at most `limit` bytes of a body as text and discards the rest. */
export async function readBounded(body: AsyncIterable<Uint8Array> & { destroy?: () => void }, limit: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
      if (size >= limit) break;
    }
  } catch {
    // a body that fails while we read an error is still an error; keep what we have
  } finally {
    body.destroy?.();
  }
  return text + decoder.decode();
}
