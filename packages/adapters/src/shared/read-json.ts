import { ProviderError } from '@refract/core';
import { toNetworkError, type HttpResponse } from './http';

/** Reads a whole JSON response body. A body that is not JSON becomes a `decode` ProviderError. */
export async function readJsonBody(provider: string, response: HttpResponse, signal?: AbortSignal): Promise<unknown> {
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw toNetworkError(provider, error, signal);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProviderError({
      provider,
      kind: 'decode',
      message: `response body is not valid JSON: ${text.slice(0, 200)}`,
      cause: error,
    });
  }
}
