import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import { createRouter } from '@refract/core';
import { createOpenAIAdapter } from '@refract/adapters/openai';
import { endlessOpenAIStream, fakeOpenAIHandler, startFakeUpstream, upstreamCloseDelayMs, type UpstreamHandler } from '@refract/test-support';
import { refractExpress, type RefractExpressOptions } from './refract-express';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function routerOn(handler: UpstreamHandler = fakeOpenAIHandler()) {
  const upstream = await startFakeUpstream(handler);
  cleanups.push(() => upstream.close());
  const adapter = createOpenAIAdapter({ baseURL: `${upstream.url}/v1`, apiKey: 'upstream-key' });
  cleanups.push(() => adapter.close());
  const router = createRouter({
    providers: [{ id: 'openai', models: ['gpt-4o-mini', 'gpt-4o'] }],
    tenants: [{ slug: 'acme', models: { deny: ['gpt-4o'] } }],
    adapters: { openai: adapter },
  });
  return { upstream, router };
}

async function listen(app: express.Express): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const running = app.listen(0, '127.0.0.1', () => resolve(running));
  });
  cleanups.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** An app with a route of its own and Refract under /ai (after `before` middleware, if any). */
async function mounted(options: RefractExpressOptions = {}, before: express.RequestHandler[] = [], handler?: UpstreamHandler) {
  const { router, upstream } = await routerOn(handler);
  const app = express();
  for (const middleware of before) app.use(middleware);
  app.get('/hello', (_request, response) => {
    response.send('own route');
  });
  app.use('/ai', refractExpress(router, options));
  return { base: await listen(app), upstream };
}

const chatBody = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Say hello to the team' }], ...extra });
const postChat = (url: string, body = chatBody(), headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('refractExpress()', () => {
  it('serves the API under /ai beside the app’s own routes', async () => {
    const { base, upstream } = await mounted();
    expect(await (await fetch(`${base}/hello`)).text()).toBe('own route');
    const models = (await (await fetch(`${base}/ai/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data[0]?.id).toBe('auto');
    const chat = await postChat(`${base}/ai/v1/chat/completions`);
    expect(chat.status).toBe(200);
    expect(chat.headers.get('x-refract-provider')).toBe('openai');
    const body = (await chat.json()) as { choices: { message: { content: string } }[]; cost_info: unknown };
    expect(body.choices[0]?.message.content).toBe('echo: Say hello to the team');
    expect(body.cost_info).toBeDefined();
    expect(upstream.requests[0]?.url).toBe('/v1/chat/completions');
    const denied = await postChat(`${base}/ai/api/acme/v1/chat/completions`, chatBody({ model: 'gpt-4o' }));
    expect(denied.status).toBe(403);
  });

  it('streams server-sent events as they are produced', async () => {
    const { base } = await mounted({}, [], fakeOpenAIHandler({ chunkDelayMs: 5 }));
    const response = await postChat(`${base}/ai/v1/chat/completions`, chatBody({ stream: true }));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)) as { choices: { delta?: { content?: string } }[]; usage?: unknown });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toBe('echo: Say hello to the team');
    expect(chunks.at(-1)?.usage).toBeDefined();
  });

  it.each([
    ['express.json()', express.json()],
    ['express.text()', express.text({ type: '*/*' })],
    ['express.raw()', express.raw({ type: '*/*' })],
    ['express.urlencoded() (not applicable)', express.urlencoded({ extended: false })],
  ])('works after %s has run', async (_name, parser) => {
    const { base, upstream } = await mounted({}, [parser]);
    const chat = await postChat(`${base}/ai/v1/chat/completions`);
    expect(chat.status).toBe(200);
    expect(((await chat.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('echo: Say hello to the team');
    expect((upstream.requests[0]?.json as { messages: unknown[] }).messages).toEqual([{ role: 'user', content: 'Say hello to the team' }]);
  });

  it('answers unknown paths under the mount with an OpenAI-format 404; with fallthrough, leaves them to the app', async () => {
    const closed = await mounted();
    const missing = await fetch(`${closed.base}/ai/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });

    const { router } = await routerOn();
    const app = express();
    app.use(refractExpress(router, { fallthrough: true }));
    app.get('/custom', (_request, response) => {
      response.send('app route');
    });
    const base = await listen(app);
    expect(await (await fetch(`${base}/custom`)).text()).toBe('app route');
    expect((await fetch(`${base}/v1/models`)).status).toBe(200);
  });

  it('refuses an oversized body with 413, whether declared or sent chunked, and the connection stays usable or closes cleanly', async () => {
    const { base } = await mounted({ maxBodyBytes: 2000 });
    const big = chatBody({ messages: [{ role: 'user', content: 'x'.repeat(50_000) }] });
    const declared = await postChat(`${base}/ai/v1/chat/completions`, big);
    expect(declared.status).toBe(413);
    expect((await postChat(`${base}/ai/v1/chat/completions`)).status).toBe(200);

    const port = Number(new URL(base).port);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /ai/v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
        const piece = 'x'.repeat(4000);
        socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
      });
      let received = '';
      socket.on('data', (chunk) => (received += String(chunk)));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 413/);
    expect(raw.toLowerCase()).toContain('connection: close');
  });

  it('cancels the upstream call within 100 ms when the client drops mid-stream', async () => {
    const { base, upstream } = await mounted({}, [], endlessOpenAIStream());
    const delay = await upstreamCloseDelayMs(upstream, `${base}/ai/v1/chat/completions`, chatBody({ stream: true }));
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThan(100);
  });

  it('cancels the upstream call within 100 ms when the client leaves before the provider answered', async () => {
    const { base, upstream } = await mounted({}, [express.json()], () => new Promise<void>(() => undefined));
    for (const stream of [true, false]) {
      const delay = await upstreamCloseDelayMs(upstream, `${base}/ai/v1/chat/completions`, chatBody({ stream }), { when: 'upstream-called' });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(100);
    }
  });
});
