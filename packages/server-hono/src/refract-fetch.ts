import { createHandler, type FetchHandler, type GatewayMetrics, type HandlerOptions, type Router } from '@refract/core';

/**
 * Refract's OpenAI-compatible API as a plain `fetch(request) => Response` function: the shape
 * Bun, Deno, Cloudflare Workers and `app.mount()` (Hono, or any router that takes a fetch
 * handler) expect. Set `basePath` when the runtime hands it paths under a prefix.
 *
 * @example
 * // Bun
 * Bun.serve({ port: 8787, fetch: refractFetch(router) });
 * // Deno
 * Deno.serve({ port: 8787 }, refractFetch(router));
 * // Cloudflare Workers
 * export default { fetch: refractFetch(router) };
 * // Hono, mounting a foreign handler
 * app.mount('/ai', refractFetch(router));
 */
export function refractFetch(router: Router, options: HandlerOptions = {}): FetchHandler & { metrics: GatewayMetrics } {
  return createHandler(router, options);
}
