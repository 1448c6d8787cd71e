import { describe, expect, it } from 'vitest';
import { scriptedAdapter, type ScriptedStep } from '@refract/test-support';
import { RefractError } from '../errors/refract-error';
import { ProviderError } from '../errors/provider-error';
import { createRouter } from '../router/create-router';
import type { CallPlan } from '../router/route-context';
import { createHandler } from './create-handler';
import type { CompletionEvent } from './handler-options';

function setup(steps: ScriptedStep[] = [{ reply: 'hello from the model', usage: { input: 40, output: 6 } }], handlerOptions: Parameters<typeof createHandler>[1] = {}) {
  const adapter = scriptedAdapter('openai', steps);
  const router = createRouter({
    providers: [{ id: 'openai', models: ['gpt-4o-mini', 'gpt-4o', { id: 'text-embedding-3-small', tier: 'micro', pricing: { input: 0.02, output: 0 }, routable: false }] }],
    adapters: { openai: adapter },
    tenants: [{ slug: 'acme', models: { deny: ['gpt-4o'] } }],
  });
  const events: CompletionEvent[] = [];
  const handle = createHandler(router, { onComplete: (event) => events.push(event), ...handlerOptions });
  return { adapter, router, handle, events };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://refract.test${path}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
const chat = { model: 'auto', messages: [{ role: 'user', content: 'Say hello to the team' }] };

async function readSse(response: Response): Promise<string[]> {
  const text = await response.text();
  return text.split('\n\n').filter(Boolean).map((event) => event.replace(/^data: /, ''));
}

describe('createHandler: chat completions', () => {
  it('answers JSON with the OpenAI shape, auto_routing, cost_info and x-refract headers', async () => {
    const { handle, events } = setup();
    const response = await handle(post('/v1/chat/completions', chat, { 'x-session-id': 's1' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as Record<string, any>;
    expect(body).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant', content: 'hello from the model' } }] });
    expect(body['auto_routing']).toMatchObject({ provider: 'openai', requested_model: 'auto' });
    expect(response.headers.get('x-refract-model')).toBe(body['auto_routing'].model);
    expect(response.headers.get('x-refract-cost-usd')).toBe(String(body['cost_info'].cost_usd));
    expect(response.headers.get('x-session-id')).toBe('s1');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 'success', httpStatus: 200, sessionId: 's1', cost: { costUsd: body['cost_info'].cost_usd } });
  });

  it('streams SSE chunks ending with usage and [DONE]', async () => {
    const { handle, events } = setup([{ stream: [{ type: 'stream-start' }, { type: 'text-delta', delta: 'Hi' }, { type: 'text-delta', delta: ' all' }, { type: 'finish', finishReason: 'stop' }, { type: 'usage', usage: { inputTokens: 9, outputTokens: 2 } }] }]);
    const response = await handle(post('/v1/chat/completions', { ...chat, stream: true }));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events$ = await readSse(response);
    expect(events$.at(-1)).toBe('[DONE]');
    const chunks = events$.slice(0, -1).map((event) => JSON.parse(event) as Record<string, any>);
    expect(chunks.map((chunk) => chunk['choices'][0]?.delta?.content ?? '').join('')).toBe('Hi all');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 2 } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events[0]).toMatchObject({ endpoint: 'stream', status: 'success', usage: { inputTokens: 9, outputTokens: 2 } });
  });

  it('ends a stream that fails after it began with an OpenAI error event, then [DONE]', async () => {
    const { handle } = setup([{ stream: [{ type: 'text-delta', delta: 'partial' }, { type: 'error', error: new ProviderError({ provider: 'openai', kind: 'network', message: 'connection reset' }) }] }]);
    const events$ = await readSse(await handle(post('/v1/chat/completions', { ...chat, stream: true })));
    expect(events$.at(-1)).toBe('[DONE]');
    const error = JSON.parse(events$.at(-2)!) as { error: { message: string; code: string } };
    expect(error.error.message).toMatch(/connection reset/);
    expect(events$.filter((event) => event.includes('partial'))).toHaveLength(1);
  });

  it.each([
    ['{not json', 400, 'invalid_json'],
    [JSON.stringify({ model: 'auto', messages: [] }), 400, 'invalid_request'],
    [JSON.stringify({ model: 'gpt-99', messages: [{ role: 'user', content: 'x' }] }), 404, 'model_not_found'],
  ])('answers %s with %i %s', async (body, status, code) => {
    const { handle } = setup();
    const response = await handle(post('/v1/chat/completions', body));
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('refuses an oversized body with 413 without reading it all', async () => {
    const { handle } = setup(undefined, { maxBodyBytes: 1000 });
    const response = await handle(post('/v1/chat/completions', { ...chat, messages: [{ role: 'user', content: 'x'.repeat(5000) }] }));
    expect(response.status).toBe(413);
  });

  it('applies the tenant of the path prefix (policy included)', async () => {
    const { handle } = setup();
    const denied = await handle(post('/api/acme/v1/chat/completions', { ...chat, model: 'gpt-4o' }));
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { type: string } }).error.type).toBe('permission_error');
    const allowed = await handle(post('/v1/chat/completions', { ...chat, model: 'gpt-4o' }));
    expect(allowed.status).toBe(200);
  });

  it('refuses through admission with 429 and retry headers, and settles admitted calls at the charged cost', async () => {
    const plans: CallPlan[] = [];
    const settled: number[] = [];
    let refuse = false;
    const { handle } = setup(undefined, {
      admit: async (_identity, plan) => {
        plans.push(plan);
        if (refuse) throw Object.assign(new RefractError('REFRACT_ERR_RATE_LIMITED', 'Too many requests'), { headers: { 'retry-after': '7', 'x-ratelimit-remaining-requests': '0' } });
        return { headers: { 'x-ratelimit-remaining-requests': '9' }, settle: (actual) => settled.push(actual.usd), release: () => undefined };
      },
    });
    const ok = await handle(post('/v1/chat/completions', chat));
    const body = (await ok.json()) as { cost_info: { cost_usd: number } };
    expect(ok.headers.get('x-ratelimit-remaining-requests')).toBe('9');
    expect(settled).toEqual([body.cost_info.cost_usd]);
    expect(plans[0]!.worstCaseUsd).toBeGreaterThan(body.cost_info.cost_usd);
    refuse = true;
    const refused = await handle(post('/v1/chat/completions', chat));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(((await refused.json()) as { error: { type: string } }).error.type).toBe('rate_limit_error');
  });
});

describe('createHandler: other endpoints', () => {
  it('lists models with the auto models first, filtered by the tenant policy, and finds one by id', async () => {
    const { handle } = setup();
    const list = (await (await handle(new Request('http://x/v1/models'))).json()) as { data: { id: string }[] };
    expect(list.data.slice(0, 2).map((model) => model.id)).toEqual(['auto', 'auto-prism']);
    expect(list.data.map((model) => model.id)).toContain('openai/gpt-4o');
    const acme = (await (await handle(new Request('http://x/api/acme/v1/models'))).json()) as { data: { id: string }[] };
    expect(acme.data.map((model) => model.id)).not.toContain('openai/gpt-4o');
    expect((await handle(new Request('http://x/v1/models/openai/gpt-4o-mini'))).status).toBe(200);
    expect((await handle(new Request('http://x/v1/models/gpt-4o-mini'))).status).toBe(200);
    expect((await handle(new Request('http://x/v1/models/nope'))).status).toBe(404);
  });

  it('dry-runs routing on /v1/route without calling a provider', async () => {
    const { handle, adapter } = setup();
    const response = await handle(post('/v1/route', chat));
    const decision = (await response.json()) as Record<string, any>;
    expect(decision).toMatchObject({ object: 'route.decision', provider: 'openai', requestedModel: 'auto' });
    expect(decision['trace'].length).toBeGreaterThan(4);
    expect(adapter.calls).toHaveLength(0);
  });

  it('computes embeddings through policy, metering and records', async () => {
    const { handle, events } = setup();
    const response = await handle(post('/v1/embeddings', { model: 'text-embedding-3-small', input: ['a', 'b'] }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: unknown[]; usage: { prompt_tokens: number } };
    expect(body.data).toHaveLength(2);
    expect(body.usage.prompt_tokens).toBe(6);
    expect(events.at(-1)).toMatchObject({ endpoint: 'embeddings', status: 'success', usage: { inputTokens: 6 } });
    expect((await handle(post('/v1/embeddings', { model: 'auto', input: 'a' }))).status).toBe(400);
  });

  it('reports health and Prometheus metrics', async () => {
    const { handle } = setup();
    await handle(post('/v1/chat/completions', chat));
    const healthBody = (await (await handle(new Request('http://x/health'))).json()) as { status: string; providers: { id: string; adapter: boolean }[] };
    expect(healthBody).toMatchObject({ status: 'ok', providers: [{ id: 'openai', adapter: true }] });
    const text = await (await handle(new Request('http://x/metrics'))).text();
    expect(text).toMatch(/refract_requests_total\{tenant="default",provider="openai",model="[^"]+",endpoint="chat",status="success"\} 1/);
    expect(text).toMatch(/refract_request_duration_seconds_bucket/);
    expect(text).toMatch(/refract_tokens_total\{[^}]*type="input"\} 40/);
  });

  it('answers unknown paths with 404 and wrong methods with 405, in OpenAI format', async () => {
    const { handle } = setup();
    const missing = await handle(new Request('http://x/v2/whatever'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'not_found' } });
    expect((await handle(new Request('http://x/v1/chat/completions'))).status).toBe(405);
    expect((await handle(new Request('http://x/admin/tenants'))).status).toBe(404);
  });
});
