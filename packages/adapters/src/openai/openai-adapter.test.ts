import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { collectStream, isProviderError, isRefractError, type ChatRequest } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { toSse } from '../shared/testing/provider-fixtures';
import { collectParts } from '../shared/testing/stream-test-helpers';
import { createOpenAIAdapter } from './openai-adapter';

const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };
const completion = (message: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
  ...extra,
});

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream((_request, response) => sendJson(response, 200, completion({ content: 'Hello' })));
});
afterAll(() => upstream.close());
afterEach(() => {
  upstream.requests.length = 0;
  vi.unstubAllEnvs();
});

describe('configuration', () => {
  it('requires an API key for api.openai.com and reads OPENAI_API_KEY only for the default base URL', () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    let error: unknown;
    try {
      createOpenAIAdapter();
    } catch (caught) {
      error = caught;
    }
    expect(isRefractError(error) && error.code).toBe('REFRACT_ERR_CONFIG');
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    expect(() => createOpenAIAdapter()).not.toThrow();
  });

  it('never sends OPENAI_API_KEY to a custom base URL', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-secret-openai-key');
    const adapter = createOpenAIAdapter({ baseURL: `${upstream.url}/v1` });
    await adapter.chat(request);
    expect(upstream.requests[0]?.headers['authorization']).toBeUndefined();
    await adapter.close();
  });

  it('sends the key, organisation, project, extra and per-call headers, and query parameters', async () => {
    const adapter = createOpenAIAdapter({
      id: 'openai-eu',
      baseURL: `${upstream.url}/v1/`,
      apiKey: 'sk-1',
      organization: 'org-9',
      project: 'proj-3',
      headers: { 'x-team': 'search' },
      queryParams: { 'api-version': '2024-10-21' },
    });
    expect(adapter.id).toBe('openai-eu');
    expect(adapter.type).toBe('openai');
    await adapter.chat(request, { headers: { 'x-request-id': 'r-1' } });
    const sent = upstream.requests[0];
    expect(sent?.url).toBe('/v1/chat/completions?api-version=2024-10-21');
    expect(sent?.headers).toMatchObject({
      authorization: 'Bearer sk-1',
      'openai-organization': 'org-9',
      'openai-project': 'proj-3',
      'x-team': 'search',
      'x-request-id': 'r-1',
      'content-type': 'application/json',
    });
    await adapter.close();
  });
});

describe('request pass-through', () => {
  it('sends what the caller sent (max_tokens stays max_tokens, unknown fields kept) and strips stream fields from chat()', async () => {
    const adapter = createOpenAIAdapter({ baseURL: upstream.url, apiKey: 'k' });
    const sentRequest: ChatRequest = {
      ...request,
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: false },
      top_k: 40,
      provider: { order: ['groq'] },
      messages: [{ role: 'user', content: 'Hi', name: 'ana', cache_control: { type: 'ephemeral' } }],
    };
    await adapter.chat(sentRequest);
    expect(upstream.requests[0]?.json).toEqual({
      model: 'gpt-4o-mini',
      max_tokens: 64,
      top_k: 40,
      provider: { order: ['groq'] },
      messages: [{ role: 'user', content: 'Hi', name: 'ana', cache_control: { type: 'ephemeral' } }],
    });
    await adapter.chat({ ...request, max_completion_tokens: 99 });
    expect(upstream.requests[1]?.json).toEqual({ ...request, max_completion_tokens: 99 });
    await adapter.close();
  });

  it('always asks streams for usage, keeping other stream options, and warns that stream logprobs are dropped', async () => {
    upstream.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(toSse([{ id: 'c', choices: [{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }] }]));
    });
    const adapter = createOpenAIAdapter({ baseURL: upstream.url, apiKey: 'k' });
    const parts = await collectParts(adapter.stream({ ...request, logprobs: true, stream_options: { include_usage: false, include_obfuscation: false } }));
    expect(upstream.requests[0]?.json).toMatchObject({ stream: true, logprobs: true, stream_options: { include_usage: true, include_obfuscation: false } });
    expect(parts[0]).toMatchObject({ type: 'stream-start', warnings: [{ type: 'unsupported-parameter', parameter: 'logprobs' }] });
    await adapter.close();
  });
});

describe('responses that are not plain completions', () => {
  it('turns a JSON answer to a streaming request into the same stream parts', async () => {
    upstream.setHandler((_request, response) =>
      sendJson(response, 200, completion({ content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }, {})),
    );
    const adapter = createOpenAIAdapter({ baseURL: upstream.url, apiKey: 'k' });
    const viaStream = (await collectStream(adapter.stream(request))).toCompletion({ id: 'x', model: 'x', created: 0 });
    const viaChat = (await adapter.chat(request)).response;
    expect(viaStream.choices[0]?.message).toEqual(viaChat.choices[0]?.message);
    expect(viaStream.usage).toEqual(viaChat.usage);
    await adapter.close();
  });

  it('throws the in-band error of a 200 body that is an error object', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 200, { error: { message: 'Upstream model overloaded', type: 'server_error', code: 503 } }));
    const adapter = createOpenAIAdapter({ baseURL: upstream.url, apiKey: 'k' });
    const error = await adapter.chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(error) && [error.kind, error.providerStatus, error.retryable]).toEqual(['server', 503, true]);
    await adapter.close();
  });

  it('recognises context overflow and reports the window', async () => {
    upstream.setHandler((_request, response) =>
      sendJson(response, 400, {
        error: {
          message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130532 tokens.",
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      }),
    );
    const adapter = createOpenAIAdapter({ baseURL: upstream.url, apiKey: 'k' });
    const error = await adapter.chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(error) && [error.kind, error.contextWindow, error.retryable]).toEqual(['context_overflow', 128_000, false]);
    await adapter.close();
  });

  it('reports Azure-style content filter annotations and a content_filter finish as content-filtered warnings', async () => {
    upstream.setHandler((_request, response) => {
      const body = completion({ content: 'partial' }, { prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } }] }) as {
        choices: Record<string, unknown>[];
      };
      body.choices[0] = { ...body.choices[0], finish_reason: 'content_filter', content_filter_results: { violence: { filtered: true, severity: 'medium' } } };
      sendJson(response, 200, body);
    });
    const adapter = createOpenAIAdapter({ baseURL: upstream.url, apiKey: 'k' });
    const { response, warnings } = await adapter.chat(request);
    expect(response.choices[0]?.finish_reason).toBe('content_filter');
    expect(warnings.map((warning) => warning.type)).toEqual(['content-filtered', 'content-filtered']);
    expect(warnings[0]?.message).toContain('"violence", severity medium');
    await adapter.close();
  });

  it('streams a refusal as content with a warning', async () => {
    upstream.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(toSse([{ id: 'c', choices: [{ index: 0, delta: { role: 'assistant', content: null, refusal: "I can't help with that." }, finish_reason: 'stop' }] }]));
    });
    const adapter = createOpenAIAdapter({ baseURL: upstream.url, apiKey: 'k' });
    const result = await collectStream(adapter.stream(request));
    expect(result.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]?.message.content).toBe("I can't help with that.");
    expect(result.warnings.map((warning) => warning.message).join()).toContain('refused');
    await adapter.close();
  });
});

describe('embeddings and models', () => {
  it('posts embeddings unchanged and normalises the response', async () => {
    upstream.setHandler((_request, response) =>
      sendJson(response, 200, { data: [{ embedding: [0.1, 0.2] }, { embedding: [0.3, 0.4], index: 1 }], model: 'text-embedding-3-small', usage: { prompt_tokens: 6, total_tokens: 6 } }),
    );
    const adapter = createOpenAIAdapter({ baseURL: `${upstream.url}/v1`, apiKey: 'k' });
    const { response, warnings } = await adapter.embed!({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 2 });
    expect(upstream.requests[0]?.url).toBe('/v1/embeddings');
    expect(upstream.requests[0]?.json).toEqual({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 2 });
    expect(response).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
        { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 6, total_tokens: 6 },
    });
    expect(warnings).toEqual([]);
    await adapter.close();
  });

  it('warns when a server reports no embeddings usage', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 200, { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1] }] }));
    const adapter = createOpenAIAdapter({ baseURL: upstream.url });
    const { response, warnings } = await adapter.embed!({ model: 'local-embed', input: 'a' });
    expect(response.usage).toEqual({ prompt_tokens: 0, total_tokens: 0 });
    expect(response.model).toBe('local-embed');
    expect(warnings).toHaveLength(1);
    await adapter.close();
  });

  it('lists models with the context window where the server reports one', async () => {
    upstream.setHandler((_request, response) =>
      sendJson(response, 200, {
        object: 'list',
        data: [
          { id: 'gpt-4o', object: 'model', owned_by: 'openai' },
          { id: 'llama-3.3-70b-versatile', context_window: 131072, owned_by: 'Meta' },
          { id: 'Qwen/Qwen3-8B', max_model_len: 32768 },
          { id: 'anthropic/claude-sonnet-4', context_length: 200000, top_provider: { context_length: 200000 } },
        ],
      }),
    );
    const adapter = createOpenAIAdapter({ baseURL: `${upstream.url}/v1`, apiKey: 'k' });
    expect(await adapter.listModels!()).toEqual([
      { id: 'gpt-4o', ownedBy: 'openai' },
      { id: 'llama-3.3-70b-versatile', contextWindow: 131072, ownedBy: 'Meta' },
      { id: 'Qwen/Qwen3-8B', contextWindow: 32768 },
      { id: 'anthropic/claude-sonnet-4', contextWindow: 200000 },
    ]);
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', url: '/v1/models' });
    await adapter.close();
  });
});

describe("Ollama through its OpenAI endpoint (/v1)", () => {
  it('streams text and usage from Ollama-shaped chunks without any API key', async () => {
    const base = { id: 'chatcmpl-305', object: 'chat.completion.chunk', created: 1_735_000_000, model: 'llama3.2', system_fingerprint: 'fp_ollama' };
    upstream.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(
        toSse([
          { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'Hello' }, finish_reason: null }] },
          { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: ' there' }, finish_reason: null }] },
          { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'stop' }] },
          { ...base, choices: [], usage: { prompt_tokens: 26, completion_tokens: 3, total_tokens: 29 } },
        ]),
      );
    });
    const ollama = createOpenAIAdapter({ id: 'ollama-openai', baseURL: `${upstream.url}/v1` });
    const result = await collectStream(ollama.stream({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(upstream.requests[0]?.url).toBe('/v1/chat/completions');
    expect(upstream.requests[0]?.headers['authorization']).toBeUndefined();
    expect(result.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]).toMatchObject({ message: { content: 'Hello there' }, finish_reason: 'stop' });
    expect(result.usage).toEqual({ inputTokens: 26, outputTokens: 3 });
    await ollama.close();
  });
});
