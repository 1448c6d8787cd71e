import { ModelCatalog, type CatalogModel, type DeploymentConfigInput, type ProviderConfigInput, type Tier } from '@refract/core';
import { ollamaFromConfig } from './builders/ollama-from-config';
import type { Environment } from './provider-options';

/** How long startup waits for Ollama's `/api/tags` by default. */
export const OLLAMA_DISCOVERY_TIMEOUT_MS = 1500;

/**
 * The models an Ollama server has pulled (`GET /api/tags`), as deployments: the catalog's tier when
 * it knows the model (`llama3.2:3b` is `llama-3.2-3b`), else a tier guessed from the parameter count in the name (`:3b`, `70b`);
 * price 0 (local). Embedding models are not auto-routed.
 *
 * @throws ProviderError when the server does not answer within `timeoutMs`.
 * @example
 * const models = await discoverOllamaModels({ id: 'ollama', type: 'ollama', models: [] }, process.env);
 */
export async function discoverOllamaModels(provider: ProviderConfigInput, env: Environment, options: { timeoutMs?: number } = {}): Promise<DeploymentConfigInput[]> {
  const adapter = ollamaFromConfig(provider, env);
  try {
    const listed = await adapter.listModels?.({ timeoutMs: options.timeoutMs ?? OLLAMA_DISCOVERY_TIMEOUT_MS });
    const catalog = ModelCatalog.builtIn();
    return (listed ?? []).map((model) => {
      const known = knownModel(catalog, model.id);
      const embedding = /embed/i.test(model.id);
      return {
        id: model.id,
        ...(known ? { catalogId: known.id } : {}),
        tier: embedding ? 'minimal' : (known?.tier ?? tierFromSize(model.id)),
        pricing: { input: 0, output: 0 },
        ...(model.contextWindow !== undefined ? { contextWindow: model.contextWindow } : {}),
        ...(embedding ? { routable: false } : {}),
      };
    });
  } finally {
    await adapter.close();
  }
}

/** The catalog entry of an Ollama tag (`llama3.2:3b` → `llama-3.2-3b`), by exact or normalised id only. */
function knownModel(catalog: ModelCatalog, tag: string): CatalogModel | undefined {
  for (const candidate of [tag.replace(/:latest$/, ''), tag.replace(':', '-')]) {
    const found = catalog.lookup(candidate);
    if (found && (found.match === 'exact' || found.match === 'normalized')) return found.model;
  }
  return undefined;
}

function tierFromSize(name: string): Tier {
  const size = /(\d+(?:\.\d+)?)b\b/i.exec(name)?.[1];
  if (size === undefined) return 'low';
  const billions = Number(size);
  if (billions <= 4) return 'minimal';
  if (billions <= 15) return 'low';
  if (billions <= 40) return 'medium';
  return 'advanced';
}
