import { ProviderError, classifyProviderError, parseContextWindow } from '@refract/core';
import { errorFromResponse, isRecord, type HttpResponse } from '../shared';

/** The `ProviderError` for a non-2xx Ollama response (`{"error": "..."}`). */
export function ollamaErrorFromResponse(provider: string, response: HttpResponse): Promise<ProviderError> {
  return errorFromResponse(provider, response);
}

/**
 * The error of an `{"error": "..."}` line inside a 200 NDJSON stream (or a 200 body). Ollama
 * sends these when the model fails mid-generation; unless the message says otherwise it is a
 * server-side failure.
 */
export function ollamaInBandError(provider: string, payload: Record<string, unknown>): ProviderError {
  const raw = payload['error'];
  const message = typeof raw === 'string' ? raw : isRecord(raw) && typeof raw['message'] === 'string' ? raw['message'] : JSON.stringify(raw);
  const classified = classifyProviderError({ message });
  const kind = classified === 'unknown' ? 'server' : classified;
  return new ProviderError({
    provider,
    kind,
    message: `error in the response stream: ${message}`,
    contextWindow: kind === 'context_overflow' ? parseContextWindow(message) : undefined,
  });
}
