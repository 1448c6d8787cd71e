import { RefractError, type ProviderAdapter, type ProviderConfigInput } from '@refract/core';
import { createDemoAdapter } from '../demo/demo-adapter';
import { anthropicFromConfig } from './builders/anthropic-from-config';
import { azureFromConfig } from './builders/azure-from-config';
import { bedrockFromConfig } from './builders/bedrock-from-config';
import { geminiFromConfig } from './builders/gemini-from-config';
import { ollamaFromConfig } from './builders/ollama-from-config';
import { openAIFromConfig } from './builders/openai-from-config';
import { ProviderOptions, type Environment } from './provider-options';

/** Provider types with a built-in adapter. */
export const BUILT_IN_PROVIDER_TYPES = ['openai', 'azure', 'anthropic', 'bedrock', 'gemini', 'ollama', 'demo'] as const;

const BUILDERS: Record<string, (provider: ProviderConfigInput, env: Environment) => ProviderAdapter> = {
  openai: openAIFromConfig,
  azure: azureFromConfig,
  anthropic: anthropicFromConfig,
  bedrock: bedrockFromConfig,
  gemini: geminiFromConfig,
  ollama: ollamaFromConfig,
  demo: (provider, env) => {
    new ProviderOptions(provider.id, provider.options, {}, env);
    return createDemoAdapter({ id: provider.id });
  },
};

/**
 * The adapter for one provider of a router config (`{ id, type, models, options }`), with its
 * secrets read from `env`, never from the config: keys come from each vendor's usual variable for
 * the vendor's own endpoint, or from the variable `options.apiKeyEnv` names. See
 * packages/cli/README.md ("refract serve") for every type's options.
 *
 * @throws RefractError `REFRACT_ERR_CONFIG` naming `providers.<id>.options.<key>` for an unknown
 * type or option, a missing key or endpoint, or a secret written into the config.
 * @example
 * const adapter = createAdapterForProvider({ id: 'groq', type: 'openai', models: ['llama-3.3-70b'], options: { baseURL: 'https://api.groq.com/openai/v1', apiKeyEnv: 'GROQ_API_KEY' } }, process.env);
 */
export function createAdapterForProvider(provider: ProviderConfigInput, env: Environment): ProviderAdapter {
  const type = provider.type ?? 'openai';
  const build = BUILDERS[type];
  if (!build) {
    throw new RefractError('REFRACT_ERR_CONFIG', `providers.${provider.id}.type '${type}' has no built-in adapter (built in: ${BUILT_IN_PROVIDER_TYPES.join(', ')})`, { param: `providers.${provider.id}.type` });
  }
  return build(provider, env);
}

/** Closes an adapter's connection pool, if it has one. */
export async function closeAdapter(adapter: ProviderAdapter): Promise<void> {
  const close = (adapter as { close?: () => Promise<void> }).close;
  if (typeof close === 'function') await close.call(adapter);
}
