import { createAdapterForProvider, detectProvidersFromEnv, discoverOllamaModels, ollamaHostOf, type Environment } from '@refract/adapters';
import { createDemoAdapter, demoProviderConfig, type DemoAdapterOptions } from '@refract/adapters/demo';
import { isProviderError, isRefractError, providerConfigSchema, zodIssues, type ProviderAdapter, type ProviderConfigInput } from '@refract/core';
import { ConfigError } from '../../config/config-error';
import { defaultModelsOf } from './provider-models';

/** A provider the server will call, with its adapter. */
export interface LiveProvider {
  config: ProviderConfigInput;
  adapter: ProviderAdapter;
  /** Where it was configured: the config file, or the environment variables it came from. */
  source: string;
  /** True for Ollama models found with `/api/tags` at startup. */
  discovered?: boolean;
}

export interface ResolvedProviders {
  providers: LiveProvider[];
  /** True when nothing was configured and the demo provider answers. */
  demo: boolean;
  /** Things the banner should say (half-configured providers, unreachable Ollama, defaults assumed). */
  notes: string[];
}

export interface ResolveOptions {
  env: Environment;
  /** Config file path, for messages. */
  source: string;
  ollamaTimeoutMs: number;
  demo: DemoAdapterOptions;
}

/**
 * The providers of `refract serve`: those the config file names (the environment then only
 * supplies their keys and endpoints), else those found in the environment, else the demo.
 *
 * @throws ConfigError for a provider the config names that cannot work (no key, bad option).
 */
export async function resolveProviders(fileProviders: unknown, options: ResolveOptions): Promise<ResolvedProviders> {
  const notes: string[] = [];
  let candidates: { config: ProviderConfigInput; source: string; discover: boolean }[];
  if (Array.isArray(fileProviders) && fileProviders.length > 0) {
    candidates = fileProviders.map((raw: unknown, index) => fromFile(raw, index, options));
  } else {
    const detection = detectProvidersFromEnv(options.env);
    notes.push(...detection.notes);
    candidates = detection.providers.map((found) => ({ config: found.config, source: found.variables.join(', '), discover: found.discover !== undefined }));
  }

  const providers: LiveProvider[] = [];
  for (const candidate of candidates) {
    if (candidate.config.enabled === false) continue;
    let config = candidate.config;
    if (candidate.discover) {
      const host = ollamaHostOf(config, options.env);
      try {
        const models = await discoverOllamaModels(config, options.env, { timeoutMs: options.ollamaTimeoutMs });
        if (models.length === 0) {
          notes.push(`Ollama at ${host} has no models pulled: not enabled (ollama pull llama3.2)`);
          continue;
        }
        config = { ...config, models };
        notes.push(`Ollama at ${host}: ${models.length} model(s) found with /api/tags at startup`);
      } catch (error) {
        const timedOut = isProviderError(error) && error.kind === 'timeout';
        notes.push(`Ollama at ${host} ${timedOut ? `did not answer /api/tags within ${options.ollamaTimeoutMs} ms` : `is not reachable (${error instanceof Error ? error.message : String(error)})`}: not enabled`);
        continue;
      }
    }
    providers.push({ config, adapter: build(config, candidate.source, options.env), source: candidate.source, ...(candidate.discover ? { discovered: true } : {}) });
  }
  if (providers.length > 0) return { providers, demo: false, notes };
  if (candidates.length > 0 && Array.isArray(fileProviders) && fileProviders.length > 0) {
    throw new ConfigError(`no provider of ${options.source} can be used`, notes, 'Enable a provider, or remove "providers" to use the ones found in the environment.');
  }
  const demo = demoProviderConfig();
  return { providers: [{ config: demo, adapter: createDemoAdapter(options.demo), source: 'built in: no provider is configured' }], demo: true, notes };
}

function fromFile(raw: unknown, index: number, options: ResolveOptions): { config: ProviderConfigInput; source: string; discover: boolean } {
  const path = `providers.${index}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`invalid provider in ${options.source}`, [`${path}: must be an object like {"id": "openai", "type": "openai"}`]);
  const entry = raw as ProviderConfigInput;
  const listed = Array.isArray(entry.models) && entry.models.length > 0;
  const isOllama = (entry.type ?? 'openai') === 'ollama';
  const models = listed ? entry.models : isOllama ? ['discovered-at-startup'] : defaultModelsOf(entry, options.env);
  const parsed = providerConfigSchema.safeParse({ ...entry, models: models ?? [] });
  if (!parsed.success) {
    const problems = zodIssues(parsed.error).map((issue) => `${path}${issue.path ? `.${issue.path}` : ''}: ${issue.path === 'models' ? `list the models of provider type '${entry.type}'` : issue.message}`);
    throw new ConfigError(`invalid provider in ${options.source}`, problems, `Fix ${problems.length > 1 ? 'these fields' : 'this'} in ${options.source} (see packages/cli/README.md ("refract serve")).`);
  }
  return { config: { ...entry, models: listed || !isOllama ? (models as ProviderConfigInput['models']) : [] }, source: options.source, discover: isOllama && !listed };
}

function build(config: ProviderConfigInput, source: string, env: Environment): ProviderAdapter {
  try {
    return createAdapterForProvider(config, env);
  } catch (error) {
    if (isRefractError(error) && error.code === 'REFRACT_ERR_CONFIG') {
      throw new ConfigError(`provider '${config.id}' (from ${source}) cannot be used`, [error.message], 'See packages/cli/README.md ("refract serve") for the options and environment variables of each provider type.');
    }
    throw error;
  }
}
