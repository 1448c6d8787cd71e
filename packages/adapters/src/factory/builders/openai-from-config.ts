import type { ProviderConfigInput } from '@refract/core';
import { createOpenAIAdapter } from '../../openai/openai-adapter';
import { DEFAULT_OPENAI_BASE_URL } from '../../openai/openai-options';
import type { ClosableProviderAdapter } from '../../shared';
import { nonEmpty, ProviderOptions, type Environment } from '../provider-options';

/**
 * An OpenAI (or OpenAI-compatible) adapter from a provider config. As OpenAI's SDK does,
 * `OPENAI_BASE_URL` replaces the default endpoint and `OPENAI_API_KEY`, `OPENAI_ORG_ID` and
 * `OPENAI_PROJECT_ID` go to it; a `baseURL` written in the config (vLLM, Groq, …) gets a key only
 * from the variable its `apiKeyEnv` names, so an OpenAI key never reaches another server.
 */
export function openAIFromConfig(provider: ProviderConfigInput, env: Environment): ClosableProviderAdapter {
  const options = new ProviderOptions(provider.id, provider.options, { baseURL: 'string', organization: 'string', project: 'string', queryParams: 'string-record' }, env);
  const configured = options.string('baseURL');
  const vendorEndpoint = configured === undefined;
  const baseURL = configured ?? nonEmpty(env['OPENAI_BASE_URL']) ?? DEFAULT_OPENAI_BASE_URL;
  const apiKey = options.apiKey(vendorEndpoint ? 'OPENAI_API_KEY' : undefined);
  if (apiKey === undefined && baseURL.replace(/\/+$/, '') === DEFAULT_OPENAI_BASE_URL) {
    throw options.problem('apiKeyEnv', `is needed for ${DEFAULT_OPENAI_BASE_URL}: set OPENAI_API_KEY, or name another variable with "apiKeyEnv"`);
  }
  const organization = options.string('organization') ?? (vendorEndpoint ? nonEmpty(env['OPENAI_ORG_ID']) : undefined);
  const project = options.string('project') ?? (vendorEndpoint ? nonEmpty(env['OPENAI_PROJECT_ID']) : undefined);
  const queryParams = options.record('queryParams');
  return createOpenAIAdapter({
    ...options.base(),
    baseURL,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(organization !== undefined ? { organization } : {}),
    ...(project !== undefined ? { project } : {}),
    ...(queryParams ? { queryParams } : {}),
  });
}
