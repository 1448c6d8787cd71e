import { createHandler, matchRoute, type Router } from '@refract/core';
import { Hono } from 'hono';
import { basePath } from 'hono/route';
import type { RefractHonoOptions } from './mount-options';
import { stripPrefix } from './strip-prefix';

/**
 * Refract's OpenAI-compatible API as a Hono sub-app. Route it under any prefix: the prefix
 * (parameters included) is stripped before the core handler sees the request, so
 * `/ai/v1/chat/completions` is served as `/v1/chat/completions`. All protocol work (parsing,
 * auth hooks, routing, SSE, errors) is the core handler's; this only forwards `c.req.raw`.
 *
 * @example
 * import { Hono } from 'hono';
 * import { refract } from '@refract/server-hono';
 *
 * const app = new Hono();
 * app.get('/hello', (context) => context.text('hello'));
 * app.route('/ai', refract(router, { ...hooks.handlerOptions }));
 */
export function refract(router: Router, options: RefractHonoOptions = {}): Hono {
  const { fallthrough = false, ...handlerOptions } = options;
  const handle = createHandler(router, handlerOptions);
  const app = new Hono();
  app.all('/*', async (context, next) => {
    const prefix = basePath(context).replace(/\/+$/, '');
    if (fallthrough && matchRoute(context.req.path.slice(prefix.length) || '/').kind === 'not-found') {
      await next();
      return;
    }
    return handle(stripPrefix(context.req.raw, prefix));
  });
  return app;
}
