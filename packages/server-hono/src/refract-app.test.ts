import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { mount } from 'hono/mount';
import { createRouter } from '@refract/core';
import { scriptedAdapter } from '@refract/test-support';
import { refract } from './refract-app';
import { refractFetch } from './refract-fetch';
import { stripPrefix } from './strip-prefix';

function makeRouter() {
  return createRouter({
    providers: [{ id: 'openai', models: ['gpt-4o-mini', 'gpt-4o'] }],
    tenants: [{ slug: 'acme', models: { deny: ['gpt-4o'] } }],
    adapters: { openai: scriptedAdapter('openai', [{ reply: 'hello from the model', usage: { input: 20, output: 4 } }]) },
  });
}

const chatBody = JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Say hello to the team' }] });
const post = (path: string, body = chatBody) => new Request(`http://app.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

async function modelIds(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { id: string }[] }).data.map((model) => model.id);
}

describe('refract(): a Hono sub-app', () => {
  it('serves the API under the prefix given to app.route(), beside the app’s own routes', async () => {
    const app = new Hono();
    app.get('/hello', (context) => context.text('own route'));
    app.route('/ai', refract(makeRouter()));
    expect(await (await app.request('/hello')).text()).toBe('own route');
    expect((await modelIds(await app.request('/ai/v1/models')))[0]).toBe('auto');
    const chat = await app.request(post('/ai/v1/chat/completions'));
    expect(chat.status).toBe(200);
    expect(chat.headers.get('x-refract-provider')).toBe('openai');
    expect(((await chat.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('hello from the model');
    const acme = await modelIds(await app.request('/ai/api/acme/v1/models'));
    expect(acme).toContain('openai/gpt-4o-mini');
    expect(acme).not.toContain('openai/gpt-4o');
  });

  it('strips a prefix with parameters, and works as a whole app too', async () => {
    const app = new Hono();
    app.route('/orgs/:org/llm', refract(makeRouter()));
    expect((await modelIds(await app.request('/orgs/acme/llm/v1/models')))[0]).toBe('auto');
    const bare = refract(makeRouter());
    expect((await modelIds(await bare.request('/v1/models')))[0]).toBe('auto');
  });

  it('answers unknown paths under the prefix with an OpenAI-format 404 by default', async () => {
    const app = new Hono();
    app.route('/ai', refract(makeRouter()));
    app.get('/ai/custom', (context) => context.text('never reached'));
    const response = await app.request('/ai/custom');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'not_found' } });
  });

  it('with fallthrough, leaves paths it does not serve to the app', async () => {
    const app = new Hono();
    app.route('/', refract(makeRouter(), { fallthrough: true }));
    app.get('/custom', (context) => context.text('app route'));
    expect(await (await app.request('/custom')).text()).toBe('app route');
    expect((await modelIds(await app.request('/v1/models')))[0]).toBe('auto');
    expect((await app.request('/nowhere')).status).toBe(404);
  });

  it('also mounts as a foreign fetch handler with app.mount() and hono/mount', async () => {
    const router = makeRouter();
    const viaMethod = new Hono();
    viaMethod.mount('/ai', refractFetch(router));
    expect((await modelIds(await viaMethod.request('/ai/v1/models')))[0]).toBe('auto');
    expect((await viaMethod.request(post('/ai/v1/chat/completions'))).status).toBe(200);
    const viaMiddleware = new Hono();
    viaMiddleware.all('/ai/*', mount(refractFetch(router)));
    expect((await modelIds(await viaMiddleware.request('/ai/v1/models')))[0]).toBe('auto');
  });

  it('passes the core handler options through (body limit, storage hooks)', async () => {
    const app = new Hono();
    app.route('/ai', refract(makeRouter(), { maxBodyBytes: 100 }));
    const response = await app.request(post('/ai/v1/chat/completions', JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'x'.repeat(500) }] })));
    expect(response.status).toBe(413);
  });
});

describe('stripPrefix', () => {
  it('rewrites the path and keeps method, headers, query, body and signal', async () => {
    const controller = new AbortController();
    const original = new Request('http://x/ai/v1/route?debug=1', { method: 'POST', headers: { authorization: 'Bearer k' }, body: '{"a":1}', signal: controller.signal });
    const stripped = stripPrefix(original, '/ai/');
    expect(stripped.url).toBe('http://x/v1/route?debug=1');
    expect(stripped.method).toBe('POST');
    expect(stripped.headers.get('authorization')).toBe('Bearer k');
    expect(await stripped.text()).toBe('{"a":1}');
    controller.abort();
    expect(stripped.signal.aborted).toBe(true);
  });

  it('leaves requests outside the prefix, or with no prefix, untouched', () => {
    const request = new Request('http://x/aiv1/models');
    expect(stripPrefix(request, '/ai')).toBe(request);
    expect(stripPrefix(request, '')).toBe(request);
    expect(stripPrefix(new Request('http://x/ai'), '/ai').url).toBe('http://x/');
  });
});
