import type { ProviderAdapter, ProviderConfigInput } from '@refract/core';
import { createAnthropicAdapter } from '../../anthropic';
import { ANTHROPIC_DEFAULT_BASE_URL } from '../../anthropic/anthropic-options';
import { nonEmpty, ProviderOptions, type Environment } from '../provider-options';

/**
 * An Anthropic adapter from a provider config. As Anthropic's SDK does, `ANTHROPIC_BASE_URL`
 * replaces the default endpoint and `ANTHROPIC_API_KEY` (else `ANTHROPIC_AUTH_TOKEN`) goes to it;
 * a `baseURL` written in the config gets a key only through `apiKeyEnv`.
 */
export function anthropicFromConfig(provider: ProviderConfigInput, env: Environment): ProviderAdapter {
  const options = new ProviderOptions(provider.id, provider.options, { baseURL: 'string', anthropicVersion: 'string', betas: 'string[]' }, env);
  const configured = options.string('baseURL');
  const vendorEndpoint = configured === undefined;
  const baseURL = configured ?? nonEmpty(env['ANTHROPIC_BASE_URL']) ?? ANTHROPIC_DEFAULT_BASE_URL;
  const apiKey = options.apiKey(vendorEndpoint ? 'ANTHROPIC_API_KEY' : undefined);
  const authToken = apiKey === undefined && vendorEndpoint ? nonEmpty(env['ANTHROPIC_AUTH_TOKEN']) : undefined;
  if (apiKey === undefined && authToken === undefined) throw options.problem('apiKeyEnv', 'is needed: set ANTHROPIC_API_KEY, or name the key variable with "apiKeyEnv"');
  const anthropicVersion = options.string('anthropicVersion');
  const betas = options.strings('betas');
  return createAnthropicAdapter({
    ...options.base(),
    baseURL,
    ...(apiKey !== undefined ? { apiKey } : { authToken }),
    ...(anthropicVersion !== undefined ? { anthropicVersion } : {}),
    ...(betas ? { betas } : {}),
  });
}
