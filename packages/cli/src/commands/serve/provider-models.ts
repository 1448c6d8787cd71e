import { bedrockDefaultModels, DEFAULT_MODELS, type Environment } from '@refract/adapters';
import { demoProviderConfig } from '@refract/adapters/demo';
import type { ProviderConfigInput } from '@refract/core';

/**
 * The models of a provider that the config file lists without `models`: the defaults of its type
 * (see `DEFAULT_MODELS`), the `deployments` an Azure provider names, the demo's models.
 * Undefined for Ollama (discovered at startup) and for types without defaults.
 */
export function defaultModelsOf(provider: ProviderConfigInput, env: Environment): ProviderConfigInput['models'] | undefined {
  const options = provider.options ?? {};
  switch (provider.type ?? 'openai') {
    case 'openai':
      return [...DEFAULT_MODELS.openai];
    case 'azure': {
      const deployments = options['deployments'];
      return deployments && typeof deployments === 'object' && Object.keys(deployments).length > 0 ? Object.keys(deployments) : [...DEFAULT_MODELS.azure];
    }
    case 'anthropic':
      return [...DEFAULT_MODELS.anthropic];
    case 'gemini':
      return [...DEFAULT_MODELS.gemini];
    case 'bedrock': {
      const region = typeof options['region'] === 'string' ? options['region'] : (env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1');
      return bedrockDefaultModels(region);
    }
    case 'demo':
      return demoProviderConfig(provider.id).models;
    default:
      return undefined;
  }
}
