import { ProviderError, type ChatRequest } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAdapter, createAdapterForProvider } from './create-adapter-for-provider';

const REQUEST: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };
const COMPLETION = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'hello' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };

let upstream: FakeUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function openAIUpstream(): Promise<FakeUpstream> {
  upstream = await startFakeUpstream((_request, response) => sendJson(response, 200, COMPLETION));
  return upstream;
}

describe('createAdapterForProvider', () => {
  it('sends OPENAI_API_KEY, OPENAI_ORG_ID and OPENAI_PROJECT_ID to OPENAI_BASE_URL, as the OpenAI SDK does', async () => {
    const server = await openAIUpstream();
    const adapter = createAdapterForProvider({ id: 'openai', type: 'openai', models: ['gpt-4o-mini'] }, { OPENAI_API_KEY: 'sk-env-key-1', OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_ORG_ID: 'org-7', OPENAI_PROJECT_ID: 'proj-9' });
    const { response } = await adapter.chat(REQUEST);
    await closeAdapter(adapter);
    expect(response.choices[0]?.message.content).toBe('hello');
    expect(server.requests[0]?.url).toBe('/v1/chat/completions');
    expect(server.requests[0]?.headers).toMatchObject({ authorization: 'Bearer sk-env-key-1', 'openai-organization': 'org-7', 'openai-project': 'proj-9' });
  });

  it('never sends OPENAI_API_KEY to a baseURL written in the config; apiKeyEnv names the key it gets', async () => {
    const server = await openAIUpstream();
    const env = { OPENAI_API_KEY: 'sk-must-not-leak', GROQ_API_KEY: 'gsk-groq-key' };
    const bare = createAdapterForProvider({ id: 'local', type: 'openai', models: ['m'], options: { baseURL: `${server.url}/v1` } }, env);
    await bare.chat(REQUEST);
    const named = createAdapterForProvider({ id: 'groq', type: 'openai', models: ['m'], options: { baseURL: `${server.url}/v1`, apiKeyEnv: 'GROQ_API_KEY', timeoutMs: 5000 } }, env);
    await named.chat(REQUEST);
    await Promise.all([closeAdapter(bare), closeAdapter(named)]);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[1]?.headers.authorization).toBe('Bearer gsk-groq-key');
  });

  it('reads ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY for the anthropic type', async () => {
    upstream = await startFakeUpstream((_request, response) =>
      sendJson(response, 200, { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', usage: { input_tokens: 3, output_tokens: 1 } }),
    );
    const adapter = createAdapterForProvider({ id: 'anthropic', type: 'anthropic', models: ['claude-haiku-4-5'] }, { ANTHROPIC_API_KEY: 'sk-ant-env', ANTHROPIC_BASE_URL: upstream.url });
    const { response } = await adapter.chat({ ...REQUEST, model: 'claude-haiku-4-5' });
    expect(response.choices[0]?.message.content).toBe('hi');
    expect(upstream.requests[0]?.url).toBe('/v1/messages');
    expect(upstream.requests[0]?.headers['x-api-key']).toBe('sk-ant-env');
  });

  it('reads AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION, with deployments from the config', async () => {
    const server = await openAIUpstream();
    const adapter = createAdapterForProvider(
      { id: 'azure', type: 'azure', models: ['gpt-4o-mini'], options: { deployments: { 'gpt-4o-mini': 'mini-prod' } } },
      { AZURE_OPENAI_ENDPOINT: server.url, AZURE_OPENAI_API_KEY: 'azure-key-1', OPENAI_API_VERSION: '2025-01-01-preview' },
    );
    await adapter.chat(REQUEST);
    await closeAdapter(adapter);
    expect(server.requests[0]?.url).toBe('/openai/deployments/mini-prod/chat/completions?api-version=2025-01-01-preview');
    expect(server.requests[0]?.headers['api-key']).toBe('azure-key-1');
  });

  it('signs Bedrock calls with the AWS keys of the given environment, at AWS_ENDPOINT_URL_BEDROCK_RUNTIME', async () => {
    upstream = await startFakeUpstream((_request, response) =>
      sendJson(response, 200, { output: { message: { role: 'assistant', content: [{ text: 'hi' }] } }, stopReason: 'end_turn', usage: { inputTokens: 2, outputTokens: 1, totalTokens: 3 } }),
    );
    const adapter = createAdapterForProvider(
      { id: 'bedrock', type: 'bedrock', models: ['us.amazon.nova-micro-v1:0'] },
      { AWS_ACCESS_KEY_ID: 'AKIDFROMTESTENV', AWS_SECRET_ACCESS_KEY: 'secret-from-test-env', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: upstream.url },
    );
    const { response } = await adapter.chat({ ...REQUEST, model: 'us.amazon.nova-micro-v1:0' });
    expect(response.choices[0]?.message.content).toBe('hi');
    expect(upstream.requests[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFROMTESTENV\/\d{8}\/us-east-1\/bedrock\//);
  });

  it('builds gemini, ollama and demo adapters', async () => {
    expect(createAdapterForProvider({ id: 'gemini', type: 'gemini', models: ['gemini-2.5-flash'] }, { GOOGLE_API_KEY: 'g-key' }).type).toBe('gemini');
    const ollama = createAdapterForProvider({ id: 'ollama', type: 'ollama', models: ['llama3.2:3b'] }, { OLLAMA_HOST: '127.0.0.1:9' });
    expect(ollama.type).toBe('ollama');
    await closeAdapter(ollama);
    const demo = createAdapterForProvider({ id: 'try-me', type: 'demo', models: ['gpt-4o'] }, {});
    expect(demo.id).toBe('try-me');
    expect((await demo.chat({ ...REQUEST, model: 'gpt-4o' })).response.choices[0]?.message.content).toContain('[Refract demo]');
  });

  it('refuses a config that cannot work, naming the provider option and what to do', () => {
    const failures: [Parameters<typeof createAdapterForProvider>[0], Record<string, string>, RegExp][] = [
      [{ id: 'openai', type: 'openai', models: ['x'] }, {}, /providers\.openai\.options\.apiKeyEnv is needed for https:\/\/api\.openai\.com\/v1: set OPENAI_API_KEY/],
      [{ id: 'groq', models: ['x'], options: { baseURL: 'http://h/v1', apiKeyEnv: 'GROQ_API_KEY' } }, {}, /providers\.groq\.options\.apiKeyEnv names GROQ_API_KEY, which is not set/],
      [{ id: 'groq', models: ['x'], options: { baseURL: 'http://h/v1', apiKey: 'gsk-literal' } }, {}, /providers\.groq\.options\.apiKey holds a secret/],
      [{ id: 'groq', models: ['x'], options: { baseURL: 'http://h/v1', headers: { Authorization: 'Bearer x' } } }, {}, /options\.headers must not carry credentials \(Authorization\)/],
      [{ id: 'groq', models: ['x'], options: { baseUrl: 'http://h/v1' } }, {}, /providers\.groq\.options\.baseUrl is not an option of this provider type \(options: apiKeyEnv, baseURL,/],
      [{ id: 'groq', models: ['x'], options: { timeoutMs: -5 } }, { OPENAI_API_KEY: 'k' }, /options\.timeoutMs must be a positive number/],
      [{ id: 'anthropic', type: 'anthropic', models: ['x'] }, {}, /set ANTHROPIC_API_KEY/],
      [{ id: 'azure', type: 'azure', models: ['x'] }, { AZURE_OPENAI_API_KEY: 'k' }, /options\.endpoint is missing: set AZURE_OPENAI_ENDPOINT/],
      [{ id: 'bedrock', type: 'bedrock', models: ['x'] }, { AWS_REGION: 'us-east-1' }, /set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/],
      [{ id: 'gemini', type: 'gemini', models: ['x'] }, {}, /set GEMINI_API_KEY \(or GOOGLE_API_KEY\)/],
      [{ id: 'x', type: 'cohere', models: ['x'] }, {}, /providers\.x\.type 'cohere' has no built-in adapter \(built in: openai, azure/],
    ];
    for (const [provider, env, message] of failures) {
      expect(() => createAdapterForProvider(provider, env)).toThrowError(message);
    }
  });

  it('keeps the upstream failure a ProviderError', async () => {
    upstream = await startFakeUpstream((_request, response) => sendJson(response, 401, { error: { message: 'bad key', type: 'invalid_request_error', code: 'invalid_api_key' } }));
    const adapter = createAdapterForProvider({ id: 'local', models: ['m'], options: { baseURL: upstream.url } }, {});
    const failure = await adapter.chat(REQUEST).catch((error: unknown) => error);
    await closeAdapter(adapter);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ kind: 'auth' });
  });
});
