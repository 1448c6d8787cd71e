import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { HandlerOptions, Router } from '@refract/core';
import { refractExpress } from '@refract/server-express';
import { refract } from '@refract/server-hono';
import express from 'express';
import { Hono } from 'hono';

export interface RunningMount {
  /** `http://127.0.0.1:<port>/ai/v1`: what an OpenAI client takes as its base URL. */
  baseURL: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** A way of serving Refract under `/ai` in an app that also has a route of its own (`GET /hello`). */
export interface Mount {
  name: 'hono' | 'express';
  start(router: Router, options?: HandlerOptions): Promise<RunningMount>;
}

/** `app.route('/ai', refract(router))` in a Hono app on @hono/node-server. */
export const honoMount: Mount = {
  name: 'hono',
  async start(router, options = {}) {
    const app = new Hono();
    app.get('/hello', (context) => context.text('hello from the app'));
    app.route('/ai', refract(router, options));
    return listen(createAdaptorServer({ fetch: app.fetch }) as Server);
  },
};

/** `app.use('/ai', refractExpress(router))` in an Express 5 app. */
export const expressMount: Mount = {
  name: 'express',
  async start(router, options = {}) {
    const app = express();
    app.get('/hello', (_request, response) => {
      response.send('hello from the app');
    });
    app.use('/ai', refractExpress(router, options));
    return listen(createServer(app));
  },
};

async function listen(server: Server): Promise<RunningMount> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseURL: `${origin}/ai/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
