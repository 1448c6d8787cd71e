import type { HandlerOptions, Router } from '@refract/core';
import { refractExpress } from '@refract/server-express';
import express from 'express';

/**
 * Your Express app: its own routes, and Refract's OpenAI-compatible API under `/ai`
 * (`/ai/v1/chat/completions`, `/ai/v1/models`, `/ai/health`, …).
 *
 * @example
 * createApp(router, hooks.handlerOptions).listen(3000);
 */
export function createApp(router: Router, handlerOptions: HandlerOptions = {}): express.Express {
  const app = express();
  // A route of the app's own. Body parsers are fine too: the mount re-reads what they consumed.
  app.use(express.json());
  app.get('/hello', (_request, response) => {
    response.json({ hello: 'from the app' });
  });
  app.use('/ai', refractExpress(router, handlerOptions));
  return app;
}
