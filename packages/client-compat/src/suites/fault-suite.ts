import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, createRouter, type ProviderConfigInput, type RouterOptions } from '@refract/core';
import { createOpenAIAdapter } from '@refract/adapters/openai';
import {
  endlessOpenAIStream,
  fakeOpenAIHandler,
  openAIChunk,
  openAISseEvent,
  sendJson,
  startFakeUpstream,
  upstreamCloseDelayMs,
  waitFor,
  type FakeUpstream,
  type UpstreamHandler,
} from '@refract/test-support';
import type { Mount, RunningMount } from '../harness/mounts';

type Extra = Partial<RouterOptions>;

interface FaultSetup {
  upstreams: Record<string, FakeUpstream>;
  router: ReturnType<typeof createRouter>;
  server: RunningMount;
  client: OpenAI;
}

const ask = (client: OpenAI, content = 'Say hello to the team') => client.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content }] }).withResponse();
const routing = (data: unknown) => (data as { auto_routing: { provider: string; fallbacks_tried: string[] } }).auto_routing;
const serverError: UpstreamHandler = (_request, response) => sendJson(response, 500, { error: { message: 'upstream exploded', type: 'server_error', code: null } });

/** Provider failures through a mount, every provider a real fake upstream reached over a socket. */
export function faultSuite(mount: Mount): void {
  describe(`faults → ${mount.name} mount`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    /** Providers `primary` (gpt-4o-mini, routed first) and `backup` (gpt-4.1-mini), each an OpenAI-wire upstream. */
    async function setup(handlers: Record<string, UpstreamHandler>, extra: Extra = {}, models: Record<string, ProviderConfigInput['models']> = {}): Promise<FaultSetup> {
      const upstreams: Record<string, FakeUpstream> = {};
      const adapters: Record<string, ReturnType<typeof createOpenAIAdapter>> = {};
      for (const [id, handler] of Object.entries(handlers)) {
        const upstream = await startFakeUpstream(handler);
        const adapter = createOpenAIAdapter({ id, baseURL: `${upstream.url}/v1`, apiKey: 'upstream-key' });
        upstreams[id] = upstream;
        adapters[id] = adapter;
        cleanups.push(async () => {
          await adapter.close();
          await upstream.close();
        });
      }
      const defaults: Record<string, ProviderConfigInput['models']> = { primary: ['gpt-4o-mini'], backup: ['gpt-4.1-mini'] };
      const router = createRouter({
        providers: Object.keys(handlers).map((id) => ({ id, type: 'openai', models: models[id] ?? defaults[id] ?? ['gpt-4o-mini'] })),
        adapters,
        ...extra,
        gateway: { retriesPerTarget: 1, backoff: { baseMs: 1, maxMs: 20 }, ...extra.gateway },
      });
      const server = await mount.start(router);
      cleanups.push(() => server.close());
      return { upstreams, router, server, client: new OpenAI({ apiKey: 'not-needed', baseURL: server.baseURL, maxRetries: 0 }) };
    }

    it('upstream 500: retried once, then the fallback provider answers', async () => {
      const { upstreams, client } = await setup({ primary: serverError, backup: fakeOpenAIHandler({ replyPrefix: 'backup: ' }) });
      const { data, response } = await ask(client);
      expect(data.choices[0]?.message.content).toBe('backup: Say hello to the team');
      expect(response.headers.get('x-refract-provider')).toBe('backup');
      expect(upstreams['primary']!.requests).toHaveLength(2);
      expect(routing(data).fallbacks_tried).toEqual(['primary/gpt-4o-mini', 'primary/gpt-4o-mini']);
    });

    it('429 with retry-after: a short wait is honoured on the same provider, a long one moves on at once', async () => {
      const arrivals: number[] = [];
      let calls = 0;
      const { upstreams, client } = await setup({
        primary: (request, response) => {
          arrivals.push(performance.now());
          calls += 1;
          const long = (request.json as { messages: { content: string }[] }).messages[0]?.content === 'long wait';
          if (long) return sendJson(response, 429, { error: { message: 'slow down', type: 'rate_limit_error', code: null } }, { 'retry-after': '60' });
          if (calls === 1) return sendJson(response, 429, { error: { message: 'slow down', type: 'rate_limit_error', code: null } }, { 'retry-after-ms': '80' });
          return fakeOpenAIHandler({ replyPrefix: 'primary: ' })(request, response);
        },
        backup: fakeOpenAIHandler({ replyPrefix: 'backup: ' }),
      }, { gateway: { backoff: { baseMs: 1, maxMs: 1000 } } });
      const short = await ask(client);
      expect(short.response.headers.get('x-refract-provider')).toBe('primary');
      expect(arrivals).toHaveLength(2);
      expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(75);

      const long = await ask(client, 'long wait');
      expect(long.response.headers.get('x-refract-provider')).toBe('backup');
      expect(upstreams['primary']!.requests).toHaveLength(3);
    });

    it('timeout: a provider that never answers is abandoned (its socket closed) for the fallback', async () => {
      const { upstreams, client } = await setup(
        { primary: () => new Promise<void>(() => undefined), backup: fakeOpenAIHandler({ replyPrefix: 'backup: ' }) },
        { gateway: { timeoutMs: 150, retriesPerTarget: 0 } },
      );
      const { data } = await ask(client);
      expect(data.choices[0]?.message.content).toBe('backup: Say hello to the team');
      expect(routing(data).fallbacks_tried).toEqual(['primary/gpt-4o-mini']);
      await waitFor(() => upstreams['primary']!.socketCloses.length > 0, 2000, 'the timed-out call to be closed');
    });

    it('connection reset: retried, then the fallback answers', async () => {
      const { upstreams, client } = await setup({ primary: (_request, response) => void response.socket?.destroy(), backup: fakeOpenAIHandler({ replyPrefix: 'backup: ' }) });
      const { data, response } = await ask(client);
      expect(response.headers.get('x-refract-provider')).toBe('backup');
      expect(data.choices[0]?.message.content).toBe('backup: Say hello to the team');
      expect(upstreams['primary']!.requests).toHaveLength(2);
    });

    it('mid-stream cut: the client gets the partial text, then an error event; nothing from the fallback is spliced in', async () => {
      const cut: UpstreamHandler = async (request, response) => {
        const model = (request.json as { model: string }).model;
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(openAISseEvent(openAIChunk(model, { role: 'assistant', content: 'partial ' })) + openAISseEvent(openAIChunk(model, { content: 'text ' })));
        await new Promise((resolve) => setTimeout(resolve, 30));
        response.socket?.destroy();
      };
      const { upstreams, client, server } = await setup({ primary: cut, backup: fakeOpenAIHandler({ replyPrefix: 'backup: ' }) });
      let text = '';
      const failure = await (async () => {
        for await (const chunk of await client.chat.completions.create({ model: 'auto', stream: true, messages: [{ role: 'user', content: 'Say hello' }] })) {
          text += chunk.choices[0]?.delta.content ?? '';
        }
      })().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(text).toBe('partial text ');
      expect(failure).toBeInstanceOf(OpenAI.APIError);

      const raw = await fetch(`${server.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'auto', stream: true, messages: [{ role: 'user', content: 'Say hello' }] }) });
      const events = (await raw.text()).split('\n\n').filter(Boolean);
      expect(events.at(-1)).toBe('data: [DONE]');
      expect(JSON.parse(events.at(-2)!.slice('data: '.length))).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
      expect(events.join('')).not.toContain('backup');
      expect(upstreams['backup']!.requests).toHaveLength(0);
    });

    it('circuit breaker: opens after repeated failures, skips the provider, and closes again after a probe succeeds', async () => {
      const clock = new ManualClock(Date.UTC(2026, 0, 1));
      const { upstreams, client, server } = await setup(
        { primary: serverError, backup: fakeOpenAIHandler({ replyPrefix: 'backup: ' }) },
        { clock, gateway: { retriesPerTarget: 0, breaker: { failureThreshold: 2, cooldownMs: 10_000 } } },
      );
      const circuit = async (): Promise<string | undefined> => {
        const health = (await (await fetch(`${server.origin}/ai/health`)).json()) as { providers: { id: string; models: { id: string; circuit: string }[] }[] };
        return health.providers.find((provider) => provider.id === 'primary')?.models[0]?.circuit;
      };
      await ask(client);
      await ask(client);
      expect(upstreams['primary']!.requests).toHaveLength(2);
      expect(await circuit()).toBe('open');
      const skipped = await ask(client);
      expect(skipped.response.headers.get('x-refract-provider')).toBe('backup');
      expect(upstreams['primary']!.requests).toHaveLength(2);

      clock.advance(10_001);
      expect(await circuit()).toBe('half-open');
      upstreams['primary']!.setHandler(fakeOpenAIHandler({ replyPrefix: 'primary: ' }));
      const probe = await ask(client);
      expect(probe.data.choices[0]?.message.content).toBe('primary: Say hello to the team');
      expect(await circuit()).toBe('closed');
    });

    it('client abort: the upstream socket closes within 100 ms of the client leaving mid-stream', async () => {
      const { upstreams, server } = await setup({ primary: endlessOpenAIStream(), backup: fakeOpenAIHandler() });
      const body = JSON.stringify({ model: 'auto', stream: true, messages: [{ role: 'user', content: 'Count forever' }] });
      const delay = await upstreamCloseDelayMs(upstreams['primary']!, `${server.baseURL}/chat/completions`, body);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(100);
      expect(upstreams['backup']!.requests).toHaveLength(0);
    });

    it('context overflow: the provider’s error moves the request to a model with a larger window', async () => {
      const overflow: UpstreamHandler = (_request, response) =>
        sendJson(response, 400, {
          error: { message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 13500 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' },
        });
      const { upstreams, client, router } = await setup(
        { small: overflow, large: fakeOpenAIHandler({ replyPrefix: 'large: ' }) },
        { routing: { maxFallbacks: 0 } },
        {
          small: [{ id: 'tiny-ctx', tier: 'low', contextWindow: 128_000, pricing: { input: 0.1, output: 0.1 } }],
          large: [{ id: 'big-ctx', tier: 'low', contextWindow: 1_000_000, pricing: { input: 1, output: 1 } }],
        },
      );
      const { data, response } = await ask(client, 'lorem ipsum dolor sit amet '.repeat(2000));
      expect(response.headers.get('x-refract-provider')).toBe('large');
      expect(data.choices[0]?.message.content?.startsWith('large: lorem ipsum')).toBe(true);
      expect(upstreams['small']!.requests).toHaveLength(1);
      expect(router.learnedWindows.get('small/tiny-ctx')).toBe(8192);
    });
  });
}
