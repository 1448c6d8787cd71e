import type { ProviderConfigInput } from '@refract/core';
import { createOllamaAdapter } from '../../ollama';
import { DEFAULT_OLLAMA_HOST, resolveOllamaHost } from '../../ollama/ollama-options';
import type { ClosableProviderAdapter } from '../../shared';
import { nonEmpty, ProviderOptions, type Environment } from '../provider-options';

/**
 * The Ollama server a config means: `host`, else `OLLAMA_HOST`, else `http://127.0.0.1:11434`,
 * with scheme and port added as Ollama's clients do (`gpu-box` → `http://gpu-box:11434`).
 */
export function ollamaHostOf(provider: ProviderConfigInput, env: Environment): string {
  const host = typeof provider.options?.['host'] === 'string' ? nonEmpty(provider.options['host']) : undefined;
  return resolveOllamaHost(host ?? nonEmpty(env['OLLAMA_HOST']) ?? DEFAULT_OLLAMA_HOST);
}

/** An Ollama adapter from a provider config (`host`; a key, for a proxy or Ollama's cloud, through `apiKeyEnv`). */
export function ollamaFromConfig(provider: ProviderConfigInput, env: Environment): ClosableProviderAdapter {
  const options = new ProviderOptions(provider.id, provider.options, { host: 'string' }, env);
  const apiKey = options.apiKey(undefined);
  return createOllamaAdapter({ ...options.base(), host: ollamaHostOf(provider, env), ...(apiKey !== undefined ? { apiKey } : {}) });
}
