import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isProviderError, type ChatRequest } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { ollamaDocExample } from '../shared/testing/ollama-fixtures';
import { firstNextError } from '../shared/testing/stream-test-helpers';
import { createOllamaAdapter } from './ollama-adapter';
import { resolveOllamaHost } from './ollama-options';

let upstream: FakeUpstream;
let adapter: ReturnType<typeof createOllamaAdapter>;
beforeAll(async () => {
  upstream = await startFakeUpstream((_request, response) => sendJson(response, 200, ollamaDocExample('Chat request (No streaming)', 'response')));
  adapter = createOllamaAdapter({ host: upstream.url });
});
afterAll(async () => {
  await adapter.close();
  await upstream.close();
});
afterEach(() => {
  upstream.requests.length = 0;
  vi.unstubAllEnvs();
});

const base: ChatRequest = { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] };
const sentBody = (): Record<string, unknown> => upstream.requests.at(-1)?.json as Record<string, unknown>;

describe('request translation', () => {
  it('maps sampling parameters into options, JSON mode into format and reasoning effort into think', async () => {
    const { warnings } = await adapter.chat({
      ...base,
      temperature: 0.3,
      top_p: 0.9,
      top_k: 20,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      seed: 1,
      stop: 'END',
      max_completion_tokens: 77,
      response_format: { type: 'json_object' },
      reasoning_effort: 'high',
    });
    expect(sentBody()).toEqual({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: false,
      format: 'json',
      think: 'high',
      options: { temperature: 0.3, top_p: 0.9, top_k: 20, presence_penalty: 0.5, frequency_penalty: 0.25, seed: 1, num_predict: 77, stop: ['END'] },
    });
    expect(warnings).toEqual([]);
  });

  it('sends a json_schema as the format and passes Ollama-native fields through, caller options winning', async () => {
    const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] };
    await adapter.chat({
      ...base,
      temperature: 0.3,
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema, strict: true } },
      keep_alive: '10m',
      options: { temperature: 0, num_ctx: 8192 },
    });
    expect(sentBody()).toMatchObject({ format: schema, keep_alive: '10m', options: { temperature: 0, num_ctx: 8192 } });
  });

  it('warns about every parameter Ollama cannot honour and sends none of them', async () => {
    const { warnings } = await adapter.chat({
      ...base,
      n: 2,
      logit_bias: { '50256': -100 },
      user: 'u-1',
      logprobs: true,
      reasoning_effort: 'minimal',
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } }],
      tool_choice: 'required',
      parallel_tool_calls: false,
    });
    expect(warnings.map((warning) => [warning.type, warning.parameter])).toEqual(
      expect.arrayContaining([
        ['unsupported-parameter', 'n'],
        ['unsupported-parameter', 'logit_bias'],
        ['unsupported-parameter', 'user'],
        ['unsupported-parameter', 'logprobs'],
        ['parameter-changed', 'reasoning_effort'],
        ['unsupported-parameter', 'tools.function.strict'],
        ['unsupported-parameter', 'tool_choice'],
        ['unsupported-parameter', 'parallel_tool_calls'],
      ]),
    );
    expect(warnings).toHaveLength(8);
    const body = sentBody();
    for (const key of ['n', 'logit_bias', 'user', 'logprobs', 'tool_choice', 'parallel_tool_calls']) expect(body).not.toHaveProperty(key);
    expect(body['think']).toBe('low');
    expect(body['tools']).toEqual([{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }]);
  });

  it("lets Ollama's own think win over the reasoning_effort mapping", async () => {
    await adapter.chat({ ...base, reasoning_effort: 'high', think: true });
    expect(sentBody()['think']).toBe(true);
  });

  it('honours tool_choice none by not offering the tools, and says so (as the Bedrock adapter does)', async () => {
    const { warnings } = await adapter.chat({ ...base, tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: 'none' });
    expect(sentBody()).not.toHaveProperty('tools');
    expect(warnings).toEqual([expect.objectContaining({ type: 'parameter-changed', parameter: 'tool_choice' })]);
  });

  it('reports history it has to change: non-object tool arguments, unknown tool result ids, audio parts', async () => {
    const { warnings } = await adapter.chat({
      model: 'llama3.2',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'listen' }, { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: 'not json' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
        { role: 'tool', tool_call_id: 'c-unknown', content: 'orphan' },
      ],
    });
    expect(warnings.map((warning) => warning.parameter)).toEqual(['messages.0.content.1', 'messages.1.tool_calls.0.function.arguments', 'messages.3.tool_call_id']);
    expect(sentBody()['messages']).toEqual([
      { role: 'user', content: 'listen' },
      { role: 'assistant', content: '', tool_calls: [{ id: 'c1', function: { name: 'f', arguments: {} } }] },
      { role: 'tool', content: 'ok', tool_name: 'f', tool_call_id: 'c1' },
      { role: 'tool', content: 'orphan', tool_call_id: 'c-unknown' },
    ]);
  });

  it('refuses image URLs on private or local hosts by default (no request to the image host or to Ollama)', async () => {
    const request: ChatRequest = { model: 'llava', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `${upstream.url}/internal.png` } }] }] };
    const error = await adapter.chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(error) && error.kind).toBe('bad_request');
    expect((error as Error).message).toContain('private or local address (127.0.0.1)');
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses image URLs with a clear error when fetching is disabled, before calling Ollama', async () => {
    const strict = createOllamaAdapter({ host: upstream.url, fetchImageUrls: false });
    const request: ChatRequest = { model: 'llava', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] };
    for (const error of [await strict.chat(request).catch((caught: unknown) => caught), await firstNextError(strict.stream(request))]) {
      expect(isProviderError(error) && error.kind).toBe('bad_request');
      expect((error as Error).message).toContain('messages.0.content.0');
    }
    expect(upstream.requests).toHaveLength(0);
    await strict.close();
  });
});

describe('embeddings, models, host', () => {
  it('embeds through /api/embed and encodes base64 like OpenAI', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 200, { model: 'all-minilm', embeddings: [[0.5, -1]], prompt_eval_count: 4 }));
    const { response, warnings } = await adapter.embed!({ model: 'all-minilm', input: ['hello'], encoding_format: 'base64', dimensions: 2, truncate: true, user: 'u' });
    expect(upstream.requests[0]).toMatchObject({ url: '/api/embed', json: { model: 'all-minilm', input: ['hello'], dimensions: 2, truncate: true } });
    const floats = Buffer.alloc(8);
    floats.writeFloatLE(0.5, 0);
    floats.writeFloatLE(-1, 4);
    expect(response).toEqual({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: floats.toString('base64') }], model: 'all-minilm', usage: { prompt_tokens: 4, total_tokens: 4 } });
    expect(warnings.map((warning) => warning.parameter)).toEqual(['user']);
  });

  it('refuses token-id input for embeddings instead of sending it', async () => {
    const error = await adapter.embed!({ model: 'all-minilm', input: [1, 2, 3] }).catch((caught: unknown) => caught);
    expect(isProviderError(error) && error.kind).toBe('bad_request');
    expect(upstream.requests).toHaveLength(0);
  });

  it('lists models from /api/tags, with the context window where reported', async () => {
    upstream.setHandler((_request, response) =>
      sendJson(response, 200, {
        models: [
          { name: 'llama3.2:latest', model: 'llama3.2:latest', size: 2019393189, details: { family: 'llama', parameter_size: '3.2B' } },
          { name: 'qwen3:8b', model: 'qwen3:8b', details: { context_length: 40960 } },
        ],
      }),
    );
    expect(await adapter.listModels!()).toEqual([{ id: 'llama3.2:latest' }, { id: 'qwen3:8b', contextWindow: 40960 }]);
    expect(upstream.requests[0]).toMatchObject({ method: 'GET', url: '/api/tags' });
  });

  it('resolves the host like Ollama clients: OLLAMA_HOST, default scheme and port', () => {
    vi.stubEnv('OLLAMA_HOST', '');
    expect(resolveOllamaHost(undefined)).toBe('http://127.0.0.1:11434');
    vi.stubEnv('OLLAMA_HOST', 'gpu-box');
    expect(resolveOllamaHost(undefined)).toBe('http://gpu-box:11434');
    vi.stubEnv('OLLAMA_HOST', '10.0.0.5:8080');
    expect(resolveOllamaHost(undefined)).toBe('http://10.0.0.5:8080');
    expect(resolveOllamaHost('https://ollama.com/')).toBe('https://ollama.com');
  });

  it('sends an API key as a bearer token when given', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 200, ollamaDocExample('Chat request (No streaming)', 'response')));
    const cloud = createOllamaAdapter({ host: upstream.url, apiKey: 'ollama-key', headers: { 'x-proxy': '1' } });
    await cloud.chat(base);
    expect(upstream.requests[0]?.headers).toMatchObject({ authorization: 'Bearer ollama-key', 'x-proxy': '1' });
    await cloud.close();
  });
});
