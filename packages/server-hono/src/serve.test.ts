import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
import { createRouter } from '@refract/core';
import { createOpenAIAdapter } from '@refract/adapters/openai';
import { endlessOpenAIStream, fakeOpenAIHandler, startFakeUpstream, upstreamCloseDelayMs, waitFor, type FakeUpstream, type UpstreamHandler } from '@refract/test-support';
import { refract } from './refract-app';
import { refractFetch } from './refract-fetch';
import { serve, type RefractServer } from './serve';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function upstreamRouter(handler = fakeOpenAIHandler()) {
  const upstream = await startFakeUpstream(handler);
  cleanups.push(() => upstream.close());
  const adapter = createOpenAIAdapter({ baseURL: `${upstream.url}/v1`, apiKey: 'upstream-key' });
  cleanups.push(() => adapter.close());
  const router = createRouter({ providers: [{ id: 'openai', models: ['gpt-4o-mini'] }], adapters: { openai: adapter } });
  return { upstream, router };
}

async function started(server: Promise<RefractServer>): Promise<RefractServer> {
  const running = await server;
  cleanups.push(() => running.close());
  return running;
}

const chat = (stream = false) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'auto', stream, messages: [{ role: 'user', content: 'Say hello to the team' }] }),
});

/** Asserts that dropping the client mid-stream closes the upstream socket within 100 ms. */
async function expectUpstreamCancelled(upstream: FakeUpstream, url: string): Promise<void> {
  const delay = await upstreamCloseDelayMs(upstream, url, chat(true).body);
  expect(delay).toBeGreaterThanOrEqual(0);
  expect(delay).toBeLessThan(100);
  expect(upstream.requests.length).toBe(2);
}

/** A provider that takes the call and never answers. */
const silentUpstream = (): UpstreamHandler => () => new Promise<void>(() => undefined);

describe('serve(): Node serving through @hono/node-server', () => {
  it('listens on 127.0.0.1 by default and serves JSON and SSE from a real upstream', async () => {
    const { router, upstream } = await upstreamRouter();
    const server = await started(serve(router, { port: 0 }));
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const json = await fetch(`${server.url}/v1/chat/completions`, chat());
    expect(json.status).toBe(200);
    expect(((await json.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('echo: Say hello to the team');
    const sse = await fetch(`${server.url}/v1/chat/completions`, chat(true));
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await sse.text();
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(text).toContain('"cost_info"');
    expect(upstream.requests).toHaveLength(2);
  });

  it('cancels the upstream call within 100 ms when the client drops mid-stream', async () => {
    const { router, upstream } = await upstreamRouter(endlessOpenAIStream());
    const server = await started(serve(router, { port: 0 }));
    await expectUpstreamCancelled(upstream, `${server.url}/v1/chat/completions`);
  });

  it('cancels the upstream call within 100 ms when the client leaves before the provider answered', async () => {
    const { router, upstream } = await upstreamRouter(silentUpstream());
    const server = await started(serve(router, { port: 0 }));
    for (const stream of [true, false]) {
      const delay = await upstreamCloseDelayMs(upstream, `${server.url}/v1/chat/completions`, chat(stream).body, { when: 'upstream-called' });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(100);
    }
  });

  it('close() stops listening, and cuts streams still open after the grace period', async () => {
    const { router, upstream } = await upstreamRouter(endlessOpenAIStream());
    const server = await serve(router, { port: 0, closeGraceMs: 50 });
    const response = await fetch(`${server.url}/v1/chat/completions`, chat(true));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const before = upstream.socketCloses.length;
    await server.close();
    await expect(reader.read().then(async function drain(result): Promise<unknown> { return result.done ? result : drain(await reader.read()); })).rejects.toThrow();
    await waitFor(() => upstream.socketCloses.length > before, 2000, 'the upstream socket to close');
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('rejects when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const { router } = await upstreamRouter();
    await expect(serve(router, { port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('client aborts through a Hono app on @hono/node-server', () => {
  async function listen(app: Hono): Promise<string> {
    const server = createAdaptorServer({ fetch: app.fetch });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => { (server as import('node:http').Server).closeAllConnections(); server.close(() => resolve()); }));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  it('app.route("/ai", refract(router)) cancels the upstream call within 100 ms', async () => {
    const { router, upstream } = await upstreamRouter(endlessOpenAIStream());
    const app = new Hono();
    app.route('/ai', refract(router));
    await expectUpstreamCancelled(upstream, `${await listen(app)}/ai/v1/chat/completions`);
  });

  it('app.mount("/ai", refractFetch(router)) cancels the upstream call within 100 ms', async () => {
    const { router, upstream } = await upstreamRouter(endlessOpenAIStream());
    const app = new Hono();
    app.mount('/ai', refractFetch(router));
    await expectUpstreamCancelled(upstream, `${await listen(app)}/ai/v1/chat/completions`);
  });

  it('a client leaving before the provider answered cancels the call through both mounts', async () => {
    const { router, upstream } = await upstreamRouter(silentUpstream());
    const app = new Hono();
    app.route('/ai', refract(router));
    app.mount('/mounted', refractFetch(router));
    const base = await listen(app);
    for (const prefix of ['/ai', '/mounted']) {
      const delay = await upstreamCloseDelayMs(upstream, `${base}${prefix}/v1/chat/completions`, chat(true).body, { when: 'upstream-called' });
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(100);
    }
  });
});
