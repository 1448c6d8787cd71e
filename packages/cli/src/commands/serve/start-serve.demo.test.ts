import { afterEach, describe, expect, it } from 'vitest';
import { post, readSse, serveForTest } from './serve-test-kit';
import type { RunningServe } from './start-serve';

let server: RunningServe | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

describe('refract serve with no provider configured (the demo provider)', () => {
  it('says DEMO in the banner, binds the port it was given (0: a free one) and prints the bound URL', async () => {
    server = await serveForTest();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toBe('http://127.0.0.1:0');
    expect(server.banner).toContain(`Refract is serving the OpenAI-compatible API at ${server.url}/v1`);
    expect(server.banner).toContain('DEMO MODE: no provider is configured');
    expect(server.banner).toMatch(/demo \(DEMO\)\s+11 models/);
    expect(server.banner).toContain("one default tenant ('default') accepts any or no API key, reachable from this machine only (127.0.0.1)");
    expect(server.banner).toContain('Admin API:  disabled');
    expect(server.banner).toContain(`curl ${server.url}/v1/chat/completions`);
  });

  it('answers JSON with routing, cost, x-refract-* headers and x-refract-demo, with any or no bearer key', async () => {
    server = await serveForTest();
    for (const headers of [{}, { authorization: 'Bearer anything-at-all' }]) {
      const response = await post(server.url, '/v1/chat/completions', { model: 'auto', messages: [{ role: 'user', content: 'Hello there!' }] }, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-refract-demo')).toBe('true');
      expect(response.headers.get('x-refract-provider')).toBe('demo');
      const body = (await response.json()) as { model: string; choices: { message: { content: string } }[]; auto_routing: { model: string; tier: string; category: string }; cost_info: { cost_usd: number } };
      expect(response.headers.get('x-refract-model')).toBe(body.auto_routing.model);
      expect(body.choices[0]?.message.content).toMatch(/^\[Refract demo\] /);
      expect(body.choices[0]?.message.content).toContain(`routed your request to ${body.auto_routing.model} (a ${body.auto_routing.tier}-tier model)`);
      expect(body.choices[0]?.message.content).toContain('Your message (2 words): "Hello there!"');
      expect(body.cost_info.cost_usd).toBeGreaterThan(0);
    }
  });

  it('routes a hard prompt to a higher tier than small talk, among the demo models only', async () => {
    server = await serveForTest();
    const small = (await (await post(server.url, '/v1/chat/completions', { model: 'auto', messages: [{ role: 'user', content: 'hi!' }] })).json()) as { auto_routing: { tier: string; provider: string } };
    const hard = (await (
      await post(server.url, '/v1/chat/completions', {
        model: 'auto',
        messages: [{ role: 'user', content: 'Design a distributed, strongly consistent key-value store with multi-region replication; prove its linearizability and analyse the failure modes of your consensus protocol in detail.' }],
      })
    ).json()) as { auto_routing: { tier: string; provider: string } };
    const order = ['micro', 'minimal', 'low', 'medium', 'advanced', 'high', 'ultra', 'critical'];
    expect(order.indexOf(hard.auto_routing.tier)).toBeGreaterThan(order.indexOf(small.auto_routing.tier));
    expect([small.auto_routing.provider, hard.auto_routing.provider]).toEqual(['demo', 'demo']);
  });

  it('streams SSE chunks ending with a usage chunk that carries auto_routing and cost_info, then [DONE]', async () => {
    server = await serveForTest();
    const response = await post(server.url, '/v1/chat/completions', { model: 'auto', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Tell me about lighthouses' }] });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-refract-demo')).toBe('true');
    const { events, done } = await readSse(response);
    expect(done).toBe(true);
    const text = events.map((event) => ((event['choices'] as { delta?: { content?: string } }[])[0]?.delta?.content ?? '')).join('');
    expect(text).toMatch(/^\[Refract demo\] This answer comes from Refract's built-in demo provider/);
    expect(events.length).toBeGreaterThan(5);
    const last = events.at(-1) as { choices: unknown[]; usage: { total_tokens: number }; auto_routing: { provider: string }; cost_info: { output_tokens: number } };
    expect(last.choices).toEqual([]);
    expect(last.usage.total_tokens).toBeGreaterThan(0);
    expect(last.auto_routing.provider).toBe('demo');
    expect(last.cost_info.output_tokens).toBe(last.usage.total_tokens - (last.usage as unknown as { prompt_tokens: number }).prompt_tokens);
  });

  it('runs a tool-call round trip, in JSON and in a stream', async () => {
    server = await serveForTest();
    const messages: unknown[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = (await (await post(server.url, '/v1/chat/completions', { model: 'auto', messages, tools: [weatherTool] })).json()) as { choices: { finish_reason: string; message: { tool_calls: { id: string; function: { name: string; arguments: string } }[] } }[] };
    const call = first.choices[0]?.message.tool_calls[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.function.name).toBe('get_weather');
    expect(JSON.parse(call?.function.arguments ?? '')).toEqual({ city: 'What is the weather in Paris?' });

    const streamed = await readSse(await post(server.url, '/v1/chat/completions', { model: 'auto', stream: true, messages, tools: [weatherTool] }));
    const deltas = streamed.events.flatMap((event) => (event['choices'] as { delta?: { tool_calls?: { function?: { name?: string; arguments?: string } }[] } }[]).flatMap((choice) => choice.delta?.tool_calls ?? []));
    expect(deltas[0]?.function?.name).toBe('get_weather');
    expect(JSON.parse(deltas.map((delta) => delta.function?.arguments ?? '').join(''))).toEqual({ city: 'What is the weather in Paris?' });

    messages.push({ role: 'assistant', content: null, tool_calls: [{ id: call?.id, type: 'function', function: call?.function }] }, { role: 'tool', tool_call_id: call?.id, content: '{"temperature_c": 18}' });
    const second = (await (await post(server.url, '/v1/chat/completions', { model: 'auto', messages, tools: [weatherTool] })).json()) as { choices: { finish_reason: string; message: { content: string } }[] };
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toContain('The tool get_weather returned: "{"temperature_c": 18}"');
  });

  it('serves embeddings, the model list with auto first, a dry-run route, health, metrics, and OpenAI-format errors', async () => {
    server = await serveForTest();
    const embedded = (await (await post(server.url, '/v1/embeddings', { model: 'text-embedding-3-small', input: ['a', 'b'] })).json()) as { data: { embedding: number[] }[] };
    expect(embedded.data.map((item) => item.embedding.length)).toEqual([256, 256]);
    const models = (await (await fetch(`${server.url}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data[0]?.id).toBe('auto');
    expect(models.data.map((model) => model.id)).toContain('demo/claude-sonnet-4-5');
    const route = (await (await post(server.url, '/v1/route', { model: 'auto', messages: [{ role: 'user', content: 'hi' }] })).json()) as { object: string; provider: string };
    expect(route).toMatchObject({ object: 'route.decision', provider: 'demo' });
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { storage: { backend?: string } }).storage).toBeDefined();
    expect(await (await fetch(`${server.url}/metrics`)).text()).toContain('refract_');
    const missing = await post(server.url, '/v1/chat/completions', { model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'model_not_found' } });
    const invalid = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{"model": ' });
    expect(invalid.status).toBe(400);
  });

  it('on close, lets a request in flight finish and flushes its record', async () => {
    server = await serveForTest();
    await post(server.url, '/v1/chat/completions', { model: 'auto', messages: [{ role: 'user', content: 'first' }] }).then((response) => response.text());
    const report = await server.close();
    expect(report.cut).toBe(0);
    expect(report.records.written).toBe(1);
    expect(report.records.dropped).toBe(0);
    server = undefined;
  });
});
