import type { ProviderConfigInput } from '@refract/core';
import { bedrockDefaultModels, DEFAULT_MODELS } from './default-models';
import { nonEmpty, type Environment } from './provider-options';

/** A provider found in the environment. */
export interface DetectedProvider {
  /** Router config of the provider: id, type and default models (none yet when `discover` is set). */
  config: ProviderConfigInput;
  /** Names (never values) of the environment variables it was configured from, for banners. */
  variables: string[];
  /** Its models are discovered at startup: Ollama's `/api/tags` (see `discoverOllamaModels`). */
  discover?: 'ollama-tags';
}

export interface ProviderDetection {
  providers: DetectedProvider[];
  /** Half-configured providers and what is missing (e.g. AWS keys without a region). */
  notes: string[];
}

/**
 * Finds providers in the environment the way each vendor's own SDK reads it: `OPENAI_API_KEY`
 * (+ `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`), `ANTHROPIC_API_KEY` or
 * `ANTHROPIC_AUTH_TOKEN` (+ `ANTHROPIC_BASE_URL`), AWS credentials (`AWS_ACCESS_KEY_ID` +
 * `AWS_SECRET_ACCESS_KEY` [+ `AWS_SESSION_TOKEN`], or `AWS_BEARER_TOKEN_BEDROCK`) with
 * `AWS_REGION` or `AWS_DEFAULT_REGION` (+ `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`), `AZURE_OPENAI_ENDPOINT` + `AZURE_OPENAI_API_KEY`
 * (+ `OPENAI_API_VERSION`), `GEMINI_API_KEY` or `GOOGLE_API_KEY`, and `OLLAMA_HOST`. Each gets
 * the default models of `DEFAULT_MODELS`. Reads nothing but `env`; makes no network call.
 *
 * @example
 * const { providers, notes } = detectProvidersFromEnv(process.env);
 * const router = createRouter({ providers: providers.map((found) => found.config), adapters: … });
 */
export function detectProvidersFromEnv(env: Environment): ProviderDetection {
  const providers: DetectedProvider[] = [];
  const notes: string[] = [];
  const set = (name: string): boolean => nonEmpty(env[name]) !== undefined;
  const present = (...names: string[]): string[] => names.filter(set);

  if (set('OPENAI_API_KEY')) {
    providers.push({ config: { id: 'openai', type: 'openai', models: [...DEFAULT_MODELS.openai] }, variables: present('OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID') });
  } else if (set('OPENAI_BASE_URL')) {
    notes.push('OPENAI_BASE_URL is set but OPENAI_API_KEY is not: OpenAI is not enabled (set OPENAI_API_KEY, any value for a server that needs none)');
  }

  if (set('ANTHROPIC_API_KEY') || set('ANTHROPIC_AUTH_TOKEN')) {
    providers.push({ config: { id: 'anthropic', type: 'anthropic', models: [...DEFAULT_MODELS.anthropic] }, variables: present('ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL') });
  }

  const awsCredentials = set('AWS_BEARER_TOKEN_BEDROCK') || (set('AWS_ACCESS_KEY_ID') && set('AWS_SECRET_ACCESS_KEY'));
  const region = nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']);
  if (awsCredentials && region !== undefined) {
    providers.push({
      config: { id: 'bedrock', type: 'bedrock', models: bedrockDefaultModels(region) },
      variables: present('AWS_BEARER_TOKEN_BEDROCK', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME', 'AWS_ENDPOINT_URL'),
    });
  } else if (awsCredentials) {
    notes.push('AWS credentials are set but no region: Bedrock is not enabled (set AWS_REGION)');
  } else if (set('AWS_ACCESS_KEY_ID') !== set('AWS_SECRET_ACCESS_KEY')) {
    notes.push('only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set: Bedrock is not enabled');
  }

  if (set('AZURE_OPENAI_ENDPOINT') && set('AZURE_OPENAI_API_KEY')) {
    providers.push({
      config: { id: 'azure', type: 'azure', models: [...DEFAULT_MODELS.azure] },
      variables: present('AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_KEY', 'OPENAI_API_VERSION', 'AZURE_OPENAI_API_VERSION'),
    });
    notes.push(`Azure OpenAI: assuming deployments named like the models (${DEFAULT_MODELS.azure.join(', ')}); list your deployments in the config file`);
  } else if (set('AZURE_OPENAI_ENDPOINT') || set('AZURE_OPENAI_API_KEY')) {
    notes.push('Azure OpenAI needs both AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY: not enabled');
  }

  if (set('GEMINI_API_KEY') || set('GOOGLE_API_KEY')) {
    providers.push({ config: { id: 'gemini', type: 'gemini', models: [...DEFAULT_MODELS.gemini] }, variables: present('GEMINI_API_KEY', 'GOOGLE_API_KEY') });
  }

  if (set('OLLAMA_HOST')) {
    providers.push({ config: { id: 'ollama', type: 'ollama', models: [] }, variables: ['OLLAMA_HOST'], discover: 'ollama-tags' });
  }
  return { providers, notes };
}
