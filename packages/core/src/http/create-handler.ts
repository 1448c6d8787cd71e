import { RefractError } from '../errors/refract-error';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import type { Router } from '../router/create-router';
import type { EndpointContext } from './endpoint-context';
import { chatCompletions } from './endpoints/chat-completions';
import { embeddings } from './endpoints/embeddings';
import { health } from './endpoints/health';
import { metrics } from './endpoints/metrics';
import { models } from './endpoints/models';
import { routeDryRun } from './endpoints/route-dry-run';
import type { CompletionEvent, HandlerOptions, Identity } from './handler-options';
import { matchRoute, type RouteMatch } from './match-route';
import { errorResponse } from './responses';

export type FetchHandler = (request: Request) => Promise<Response>;

const METHODS: Record<Exclude<RouteMatch['kind'], 'not-found' | 'admin'>, string> = {
  chat: 'POST',
  embeddings: 'POST',
  route: 'POST',
  models: 'GET',
  health: 'GET',
  metrics: 'GET',
};

/**
 * The OpenAI-compatible HTTP API of a router as one web-standard function: `Request` in,
 * `Response` out. Every mount (Hono, Express, Node, Bun, Deno, Workers) serves this same function,
 * so no mount has protocol logic of its own.
 *
 * @example
 * const handle = createHandler(router);
 * const response = await handle(new Request('http://localhost/v1/chat/completions', { method: 'POST', body }));
 */
export function createHandler(router: Router, options: HandlerOptions = {}): FetchHandler & { metrics: GatewayMetrics } {
  const gatewayMetrics = options.metrics ?? new GatewayMetrics();
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');

  const complete = (event: CompletionEvent): void => {
    const served = event.served ?? { provider: event.decision?.provider ?? 'none', model: event.decision?.model ?? event.requestedModel };
    gatewayMetrics.observe({
      tenant: event.identity.tenant,
      provider: served.provider,
      model: served.model,
      endpoint: event.endpoint,
      status: event.status,
      latencySeconds: event.latencyMs / 1000,
      inputTokens: event.usage.inputTokens,
      outputTokens: event.usage.outputTokens,
      costUsd: event.cost?.costUsd ?? 0,
      savedUsd: event.cost?.savedUsd ?? 0,
      fallbacks: event.attempts.filter((attempt) => attempt.outcome === 'error').length,
    });
    try {
      options.onComplete?.(event);
    } catch (error) {
      options.onError?.(error);
    }
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    const match = matchRoute(path);
    try {
      if (match.kind === 'not-found') throw new RefractError('REFRACT_ERR_NOT_FOUND', `No route for ${request.method} ${url.pathname}`);
      if (match.kind === 'admin') {
        if (!options.admin) throw new RefractError('REFRACT_ERR_NOT_FOUND', 'The admin API is not enabled on this server.');
        return await options.admin(request);
      }
      if (request.method !== METHODS[match.kind]) {
        throw new RefractError('REFRACT_ERR_METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${url.pathname}; use ${METHODS[match.kind]}.`);
      }
      let identity: Promise<Identity> | undefined;
      const pathTenant = 'tenant' in match ? match.tenant : undefined;
      const context: EndpointContext = {
        router,
        options,
        request,
        match,
        metrics: gatewayMetrics,
        startedAt: Date.now(),
        identify: () => (identity ??= options.authenticate ? options.authenticate(request, pathTenant) : Promise.resolve({ tenant: pathTenant ?? router.config.defaultTenant })),
        complete,
      };
      switch (match.kind) {
        case 'chat':
          return await chatCompletions(context);
        case 'embeddings':
          return await embeddings(context);
        case 'models':
          return await models(context);
        case 'route':
          return await routeDryRun(context);
        case 'health':
          return await health(context);
        case 'metrics':
          return await metrics(context);
      }
    } catch (error) {
      return errorResponse(error, headersOf(error), options.onError);
    }
  };
  return Object.assign(handle, { metrics: gatewayMetrics });
}

function headersOf(error: unknown): Record<string, string> {
  const headers = (error as { headers?: unknown } | undefined)?.headers;
  return headers && typeof headers === 'object' ? (headers as Record<string, string>) : {};
}
