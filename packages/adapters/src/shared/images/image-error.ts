import { ProviderError } from '@refract/core';

/**
 * The error for an image the adapter cannot use (refused URL, failed download, wrong type): a
 * `bad_request` `ProviderError` (400, not retryable: another attempt or provider would fail the
 * same way) whose `param` is the request path of the image.
 *
 * @example
 * throw imageError('ollama', 'messages.1.content.0', 'the image at messages.1.content.0 is empty');
 */
export function imageError(provider: string, path: string, message: string, cause?: unknown): ProviderError {
  return new ProviderError({ provider, kind: 'bad_request', message, param: path, retryable: false, ...(cause !== undefined ? { cause } : {}) });
}
