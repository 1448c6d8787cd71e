import { closeAdapter, secretValues, type Environment } from '@refract/adapters';
import type { RecordWriterStats, RefractStorage, Router } from '@refract/core';
import { UsageError } from '../../cli/usage-error';
import { createNodeListener, startHttpServer, type FetchLike, type RunningHttpServer } from '../../node-http';
import { formatBanner } from './banner';
import { bindRefusal } from './bind-policy';
import { buildGateway } from './build-gateway';
import { isLoopbackHost, urlHost } from './loopback';
import { resolveProviders } from './resolve-providers';
import type { ServeArgs } from './serve-args';
import { readServeConfig } from './serve-file-config';

/** How long startup waits for Ollama's model list. */
const OLLAMA_DISCOVERY_TIMEOUT_MS = 1500;

export interface ShutdownReport {
  /** Requests still running when the grace period ended (their connections were cut). */
  cut: number;
  records: RecordWriterStats;
}

/** A running `refract serve`. */
export interface RunningServe {
  /** `http://127.0.0.1:8787`, with the bound port. */
  url: string;
  banner: string;
  /** Config warnings (unknown keys). */
  warnings: string[];
  /** Values of every provider secret in the environment (including `apiKeyEnv` targets), for redaction. */
  secrets: string[];
  router: Router;
  storage: RefractStorage;
  handler: FetchLike;
  http: RunningHttpServer;
  /** Stops accepting, lets requests in flight finish (bounded), flushes records, closes storage and adapters. */
  close(): Promise<ShutdownReport>;
}

export interface StartServeOptions extends Omit<ServeArgs, 'help'> {
  env: Environment;
  cwd: string;
  /** Output for unexpected errors and record-writer trouble, one line per call. */
  log: (line: string) => void;
}

/**
 * Starts the standalone server: config file (optional), providers from it or from the
 * environment (else the demo provider), in-memory storage, the core handler on `node:http`.
 *
 * @throws ConfigError (exit 2) for a bad config; UsageError (exit 2) when it would serve without
 * keys on a non-loopback address without `allowOpen`, or the port is taken.
 * @example
 * const running = await startServe({ host: '127.0.0.1', port: 0, config: undefined, allowOpen: false, shutdownTimeoutMs: 10_000, env: process.env, cwd: process.cwd(), log: console.error });
 * await fetch(`${running.url}/v1/models`);
 * await running.close();
 */
export async function startServe(options: StartServeOptions): Promise<RunningServe> {
  const file = await readServeConfig(options.config, options.cwd);
  let router: Router | undefined;
  const resolved = await resolveProviders(file.router['providers'], {
    env: options.env,
    source: file.source,
    ollamaTimeoutMs: OLLAMA_DISCOVERY_TIMEOUT_MS,
    demo: {
      describeModel: (model) => {
        const tier = router?.deployment('demo', model)?.tier;
        return tier ? `${/^[aeiou]/.test(tier) ? 'an' : 'a'} ${tier}-tier model` : undefined;
      },
      hint: 'For real answers, set a provider key (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, …) and restart refract serve.',
    },
  });
  const adapters = resolved.providers.map((provider) => provider.adapter);
  const closeAdapters = (): Promise<unknown> => Promise.all(adapters.map((adapter) => closeAdapter(adapter).catch(() => undefined)));
  const secrets = secretValues(options.env, resolved.providers.map((provider) => provider.config));
  let gateway;
  try {
    gateway = await buildGateway({ file, resolved, env: options.env, secrets, cwd: options.cwd, log: options.log, onRouter: (built) => (router = built) });
  } catch (error) {
    await closeAdapters();
    throw error;
  }
  const stop = async (): Promise<void> => {
    await gateway.hooks.close();
    await gateway.storage.close();
    await closeAdapters();
  };
  const loopback = isLoopbackHost(options.host);
  const refusal = bindRefusal({ auth: gateway.auth, host: options.host, allowOpen: options.allowOpen });
  if (refusal !== undefined) {
    await stop();
    throw new UsageError(refusal);
  }
  // The first route() of a router loads its caches; pay that now, not on the first request. A
  // fill-in-the-middle prompt, because the classifier is never asked for one: a configured LLM
  // classifier must not be called (and billed) at startup.
  await gateway.router.route({ model: 'auto', messages: [{ role: 'user', content: '<fim_prefix>def warm_up():<fim_suffix>\n<fim_middle>' }] }).catch(() => undefined);
  let http: RunningHttpServer;
  try {
    http = await startHttpServer(createNodeListener(gateway.handler, { onError: (error) => options.log(`refract serve: bridge error: ${String(error)}`) }), { host: options.host, port: options.port });
  } catch (error) {
    await stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${options.port} on ${options.host} is in use: pass another --port (0 picks a free one)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new UsageError(`cannot listen on ${options.host}:${options.port} (${code})`);
    throw error;
  }
  const url = `http://${urlHost(http.host, http.port)}`;
  const deployments = gateway.router.deployments.all;
  const banner = formatBanner({
    baseUrl: url,
    bindHost: http.host,
    providers: resolved.providers.map((provider) => ({ id: provider.config.id, type: provider.config.type ?? 'openai', models: deployments.filter((deployment) => deployment.provider === provider.config.id).length, source: provider.source })),
    routableModels: deployments.filter((deployment) => deployment.routable).length,
    demo: resolved.demo,
    access:
      gateway.auth === 'required'
        ? { mode: 'keys', tenants: gateway.router.config.tenants.map((tenant) => tenant.slug), keys: file.apiKeys.length }
        : { mode: 'open', loopback, defaultTenant: gateway.router.config.defaultTenant },
    adminEnabled: gateway.adminEnabled,
    classifier: gateway.classifier,
    configSource: file.source,
    notes: resolved.notes,
  });
  let closing: Promise<ShutdownReport> | undefined;
  return {
    url,
    banner,
    warnings: gateway.warnings,
    secrets,
    router: gateway.router,
    storage: gateway.storage,
    handler: gateway.handler,
    http,
    close: () =>
      (closing ??= (async () => {
        const { cut } = await http.close(options.shutdownTimeoutMs);
        await gateway.hooks.close();
        const records = gateway.hooks.records.stats();
        await gateway.storage.close();
        await closeAdapters();
        return { cut, records };
      })()),
  };
}
