import type { ProviderAdapter, ProviderConfigInput } from '@refract/core';
import { createGeminiAdapter } from '../../gemini';
import { nonEmpty, ProviderOptions, type Environment } from '../provider-options';

/**
 * A Gemini adapter from a provider config. The key comes from `GEMINI_API_KEY` (else
 * `GOOGLE_API_KEY`) for Google's endpoint; a `baseURL` written in the config gets a key only
 * through `apiKeyEnv`.
 */
export function geminiFromConfig(provider: ProviderConfigInput, env: Environment): ProviderAdapter {
  const options = new ProviderOptions(provider.id, provider.options, { baseURL: 'string', schemaMode: 'string' }, env);
  const baseURL = options.string('baseURL');
  const vendorEndpoint = baseURL === undefined;
  const apiKey = options.apiKey(vendorEndpoint ? 'GEMINI_API_KEY' : undefined) ?? (vendorEndpoint ? nonEmpty(env['GOOGLE_API_KEY']) : undefined);
  if (apiKey === undefined) throw options.problem('apiKeyEnv', 'is needed: set GEMINI_API_KEY (or GOOGLE_API_KEY), or name the key variable with "apiKeyEnv"');
  const schemaMode = options.string('schemaMode');
  if (schemaMode !== undefined && schemaMode !== 'openapi' && schemaMode !== 'json-schema') throw options.problem('schemaMode', 'must be "openapi" or "json-schema"');
  return createGeminiAdapter({
    ...options.base(),
    apiKey,
    ...(baseURL !== undefined ? { baseURL } : {}),
    ...(schemaMode !== undefined ? { schemaMode } : {}),
  });
}
