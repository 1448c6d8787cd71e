import type { Environment } from '@refract/adapters';
import { createHandler, createMemoryStorage, createRouter, isRefractError, storageHooks, type RefractStorage, type Router, type StorageHooks } from '@refract/core';
import { buildClassifier } from '../../config/classifier-config';
import { ConfigError, configErrorFrom, isConfigProblem } from '../../config/config-error';
import { unknownKeys } from '../../config/unknown-keys';
import type { FetchLike } from '../../node-http';
import { redact } from './redact';
import type { ResolvedProviders } from './resolve-providers';
import { seedStorage } from './seed-storage';
import type { ServeFileConfig } from './serve-file-config';

/** Request logs `refract serve` keeps in memory (the newest; older ones are dropped). */
export const SERVE_MAX_LOGS = 10_000;

export interface Gateway {
  router: Router;
  storage: RefractStorage;
  hooks: StorageHooks;
  handler: FetchLike;
  /** `required` when the config declares tenants or keys; else `auto` (open until the first key exists). */
  auth: 'required' | 'auto';
  adminEnabled: boolean;
  /** Config keys the router does not know (ignored), as warnings. */
  warnings: string[];
  /** What classifies when the rule set is unsure, for the banner. */
  classifier: string;
}

export interface GatewayOptions {
  file: ServeFileConfig;
  resolved: ResolvedProviders;
  env: Environment;
  secrets: readonly string[];
  /** Resolves the path of a learned classifier model named in the config. */
  cwd: string;
  /** Where unexpected errors and record-writer trouble are reported (already redacting). */
  log: (line: string) => void;
  /** Filled in once the router exists (the demo adapter asks it for model tiers). */
  onRouter?: (router: Router) => void;
}

/**
 * The server's request path: router (built-in catalog, the resolved providers, the configured
 * classifier: the shipped learned one unless the config says otherwise), in-memory storage
 * seeded with the config's tenants and keys, storage hooks (keys, limits, budgets, records, admin
 * API) and the core fetch handler. Error bodies are scrubbed of provider secrets.
 *
 * @throws ConfigError for an invalid router config, `serve` section or admin token.
 */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { file, resolved, env, log } = options;
  // Request logs live in memory: keep the newest 10 000 (daily stats are kept apart and complete).
  const storage = createMemoryStorage({ maxLogs: SERVE_MAX_LOGS });
  const input = { ...file.router, providers: resolved.providers.map((provider) => provider.config) };
  const adapters = new Map(resolved.providers.map((provider) => [provider.config.id, provider.adapter]));
  const classifier = await buildClassifier(file.classifier, { cwd: options.cwd, source: file.source, adapterFor: (id) => adapters.get(id) });
  let router: Router;
  try {
    router = createRouter({ ...input, store: storage, adapters: Object.fromEntries(adapters), ...(classifier.classifier ? { classifier: classifier.classifier } : {}) });
  } catch (error) {
    if (isConfigProblem(error)) throw configErrorFrom(error, file.source === 'environment' ? 'the provider environment' : file.source);
    throw error;
  }
  options.onRouter?.(router);
  const warnings = unknownKeys(input, router.config)
    .filter((key) => key !== '$schema')
    .map((key) => `${file.source}: unknown key '${key}' is ignored`);
  await seedStorage(storage, router.config, file.apiKeys, env, file.source);
  const auth = router.config.tenants.length > 0 || file.apiKeys.length > 0 ? 'required' : 'auto';
  const adminToken = env['REFRACT_ADMIN_TOKEN']?.trim() || undefined;
  let hooks: StorageHooks;
  try {
    hooks = storageHooks(router, storage, {
      auth,
      ...(adminToken ? { adminToken } : {}),
      records: { logger: { warn: (message) => log(`refract serve: records: ${message}`), error: (message) => log(`refract serve: records: ${message}`) } },
    });
  } catch (error) {
    if (isRefractError(error) && error.code === 'REFRACT_ERR_CONFIG') throw new ConfigError(error.message, [], 'Set REFRACT_ADMIN_TOKEN to a long random value (openssl rand -base64 32), or unset it to disable the admin API.');
    throw error;
  }
  const handle = createHandler(router, {
    ...hooks.handlerOptions,
    demoProviders: resolved.demo ? resolved.providers.map((provider) => provider.config.id) : [],
    onError: (error) => log(`refract serve: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const handler = options.secrets.length === 0 ? handle : scrubbingErrors(handle, options.secrets);
  return { router, storage, hooks, handler, auth, adminEnabled: adminToken !== undefined, warnings, classifier: classifier.description };
}

/** Error bodies can quote a provider's message; a provider key must never reach a client through one. */
function scrubbingErrors(handle: FetchLike, secrets: readonly string[]): FetchLike {
  return async (request) => {
    const response = await handle(request);
    if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const text = await response.text();
    return new Response(redact(text, secrets), { status: response.status, headers: response.headers });
  };
}
