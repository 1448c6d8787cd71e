import type { HandlerOptions, Router } from '@refract/core';
import { refract } from '@refract/server-hono';
import { Hono } from 'hono';

/**
 * Your Hono app: its own routes, and Refract's OpenAI-compatible API under `/ai`
 * (`/ai/v1/chat/completions`, `/ai/v1/models`, `/ai/health`, …). The same app runs on Node
 * (see main.ts), Bun (`export default app`), Deno (`Deno.serve(app.fetch)`) and Workers.
 *
 * @example
 * serve({ fetch: createApp(router, hooks.handlerOptions).fetch, port: 3000 });
 */
export function createApp(router: Router, handlerOptions: HandlerOptions = {}): Hono {
  const app = new Hono();
  app.get('/hello', (context) => context.json({ hello: 'from the app' }));
  app.route('/ai', refract(router, handlerOptions));
  return app;
}
