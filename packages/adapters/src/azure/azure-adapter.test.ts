import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockAgent } from 'undici';
import { collectStream, isProviderError, isRefractError, type ChatRequest, type StreamPart } from '@refract/core';
import { readChunkLines, readInlineCases, toSse } from '../shared/testing/provider-fixtures';
import { collectParts, firstNextError, offlineMockAgent } from '../shared/testing/stream-test-helpers';
import { createAzureOpenAIAdapter } from './azure-adapter';

const ORIGIN = 'https://contoso-eu.openai.azure.com';
const CHAT_PATH = '/openai/deployments/gpt5-nano/chat/completions?api-version=2024-10-21';
const request: ChatRequest = { model: 'gpt-5-nano', messages: [{ role: 'user', content: 'Capital of Denmark?' }] };

let agent: MockAgent;
beforeEach(() => {
  agent = offlineMockAgent();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await agent.close();
});

type Options = Parameters<typeof createAzureOpenAIAdapter>[0];

function adapter(extra: Partial<Options> = {}, auth: Pick<Options, 'apiKey' | 'getToken'> = { apiKey: 'k' }) {
  return createAzureOpenAIAdapter({ resourceName: 'contoso-eu', ...auth, deployments: { 'gpt-5-nano': 'gpt5-nano' }, dispatcher: agent, ...extra });
}

function stream(path: string, sse: string, capture?: (headers: Record<string, string>) => void): void {
  agent
    .get(ORIGIN)
    .intercept({ path, method: 'POST' })
    .reply((options) => {
      capture?.(options.headers as Record<string, string>);
      return { statusCode: 200, data: sse, responseOptions: { headers: { 'content-type': 'text/event-stream' } } };
    });
}

const configError = (make: () => unknown): unknown => {
  try {
    make();
  } catch (error) {
    return isRefractError(error) ? error.code : error;
  }
  return 'no error';
};

describe('configuration', () => {
  it('needs an endpoint and exactly one way to authenticate', () => {
    vi.stubEnv('AZURE_OPENAI_ENDPOINT', '');
    vi.stubEnv('AZURE_OPENAI_API_KEY', '');
    expect(configError(() => createAzureOpenAIAdapter({ apiKey: 'k' }))).toBe('REFRACT_ERR_CONFIG');
    expect(configError(() => createAzureOpenAIAdapter({ resourceName: 'r' }))).toBe('REFRACT_ERR_CONFIG');
    expect(configError(() => createAzureOpenAIAdapter({ resourceName: 'r', apiKey: 'k', azureADToken: 't' }))).toBe('REFRACT_ERR_CONFIG');
    expect(configError(() => createAzureOpenAIAdapter({ resourceName: 'r', endpoint: 'https://x', apiKey: 'k' }))).toBe('REFRACT_ERR_CONFIG');
    expect(configError(() => createAzureOpenAIAdapter({ resourceName: 'r', apiKey: 'k' }))).toBe('no error');
  });

  it('reads AZURE_OPENAI_API_KEY only together with AZURE_OPENAI_ENDPOINT', async () => {
    vi.stubEnv('AZURE_OPENAI_ENDPOINT', `${ORIGIN}/`);
    vi.stubEnv('AZURE_OPENAI_API_KEY', 'env-key');
    let seen: Record<string, string> = {};
    stream(CHAT_PATH, toSse(readChunkLines('vercel-ai', 'openai', 'azure-model-router.1.chunks.txt')), (headers) => (seen = headers));
    const fromEnvironment = createAzureOpenAIAdapter({ deployments: { 'gpt-5-nano': 'gpt5-nano' }, dispatcher: agent });
    await collectParts(fromEnvironment.stream(request));
    expect(seen['api-key']).toBe('env-key');
    expect(configError(() => createAzureOpenAIAdapter({ endpoint: 'https://other.example.com' }))).toBe('REFRACT_ERR_CONFIG');
  });

  it('asks getToken for a bearer token on every call', async () => {
    const tokens = ['t-1', 't-2'];
    const seen: string[] = [];
    const sse = toSse(readChunkLines('vercel-ai', 'openai', 'azure-model-router.1.chunks.txt'));
    stream(CHAT_PATH, sse, (headers) => seen.push(headers['authorization'] ?? ''));
    stream(CHAT_PATH, sse, (headers) => seen.push(headers['authorization'] ?? ''));
    const azure = adapter({}, { getToken: () => tokens.shift() ?? '' });
    await collectParts(azure.stream(request));
    await collectParts(azure.stream(request));
    expect(seen).toEqual(['Bearer t-1', 'Bearer t-2']);
  });

  it('reports a failing or empty getToken as an auth error before calling Azure', async () => {
    const failing = adapter({}, { getToken: () => Promise.reject(new Error('credential expired')) });
    const error = await failing.chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(error) && [error.kind, error.retryable]).toEqual(['auth', false]);
    expect((error as Error).message).toContain('credential expired');
    const empty = await firstNextError(adapter({}, { getToken: () => '' }).stream(request));
    expect(isProviderError(empty) && empty.kind).toBe('auth');
  });

  it('lists the configured deployments (Azure has no data-plane listing)', async () => {
    expect(await adapter().listModels!()).toEqual([{ id: 'gpt-5-nano' }]);
  });
});

describe('recorded Azure streams', () => {
  it('azure-model-router.1.chunks.txt: prompt_filter_results preamble tolerated, text, finish, usage with reasoning tokens', async () => {
    stream(CHAT_PATH, toSse(readChunkLines('vercel-ai', 'openai', 'azure-model-router.1.chunks.txt')));
    const parts = await collectParts(adapter().stream(request));
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'text-delta', 'text-delta', 'text-delta', 'text-delta', 'finish', 'usage']);
    expect(parts[0]).toEqual({ type: 'stream-start', id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt', model: 'gpt-5-nano-2025-08-07', created: 1762317021 });
    const result = await collectStream(parts.values() as unknown as AsyncIterable<StreamPart>);
    expect(result.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]).toMatchObject({ message: { content: 'Capital of Denmark.' }, finish_reason: 'stop' });
    expect(result.usage).toEqual({ inputTokens: 15, outputTokens: 78, reasoningTokens: 64 });
    expect(result.warnings).toEqual([]);
  });

  it('the Azure content-filter inline case (preamble, trailing content_filter_offsets chunk)', async () => {
    const inline = readInlineCases('openai-chat.inline-chunks.jsonl').find((entry) => entry.test === 'should stream text after Azure content filter chunks');
    stream(CHAT_PATH, inline?.chunks.join('') ?? '');
    const result = await collectStream(adapter().stream(request));
    expect(result.error).toBeUndefined();
    expect(result.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]).toMatchObject({ message: { content: 'Hello' }, finish_reason: 'stop' });
    expect(result.id).toBe('chatcmpl-test');
  });

  it('turns filtered categories and a content_filter finish into content-filtered warnings', async () => {
    const base = { id: 'chatcmpl-f', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
    const sse = toSse([
      { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: { jailbreak: { filtered: false, detected: true } } }] },
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: 'Here is' }, finish_reason: null, content_filter_results: {} }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'content_filter', content_filter_results: { violence: { filtered: true, severity: 'high' } } }] },
    ]);
    stream(CHAT_PATH, sse);
    const parts = await collectParts(adapter().stream(request));
    expect(parts[0]).toMatchObject({ type: 'stream-start', id: 'chatcmpl-f', warnings: [{ type: 'content-filtered', message: expect.stringContaining('"jailbreak"') }] });
    const warnings = parts.filter((part) => part.type === 'warning').map((part) => (part.type === 'warning' ? part.warning : undefined));
    expect(warnings).toEqual([
      { type: 'content-filtered', message: expect.stringContaining('"violence", severity high') },
      { type: 'content-filtered', message: expect.stringContaining('finish_reason content_filter') },
    ]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'content_filter' });
  });
});

describe('Azure errors', () => {
  function fail(status: number, body: unknown, headers: Record<string, string> = {}): void {
    agent.get(ORIGIN).intercept({ path: CHAT_PATH, method: 'POST' }).reply(status, JSON.stringify(body), { headers: { 'content-type': 'application/json', ...headers } });
  }

  it('429 with retry-after-ms → retryable rate_limit', async () => {
    fail(
      429,
      { error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit. Please retry after 6 seconds.' } },
      { 'retry-after-ms': '5800', 'retry-after': '6' },
    );
    const error = await firstNextError(adapter().stream(request));
    expect(isProviderError(error) && [error.kind, error.retryable, error.retryAfterMs]).toEqual(['rate_limit', true, 5800]);
  });

  it('400 content_filter on the prompt → content_filter, not retryable', async () => {
    fail(400, {
      error: {
        message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { violence: { filtered: true, severity: 'high' } } },
      },
    });
    const error = await adapter().chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(error) && [error.kind, error.retryable, error.providerCode]).toEqual(['content_filter', false, 'content_filter']);
  });

  it('404 DeploymentNotFound → not_found', async () => {
    fail(404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } });
    const error = await adapter().chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(error) && [error.kind, error.providerCode]).toEqual(['not_found', 'DeploymentNotFound']);
  });
});

describe('embeddings', () => {
  it('posts to the deployment embeddings route', async () => {
    let body = '';
    agent
      .get(ORIGIN)
      .intercept({ path: '/openai/deployments/embed-small/embeddings?api-version=2024-06-01', method: 'POST', body: (sent) => ((body = sent), true) })
      .reply(200, JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.5] }], model: 'text-embedding-3-small', usage: { prompt_tokens: 2, total_tokens: 2 } }), {
        headers: { 'content-type': 'application/json' },
      });
    const azure = adapter({ apiVersion: '2024-06-01', deployments: { 'text-embedding-3-small': 'embed-small' } });
    const { response } = await azure.embed!({ model: 'text-embedding-3-small', input: 'hello' });
    expect(JSON.parse(body)).toEqual({ model: 'text-embedding-3-small', input: 'hello' });
    expect(response.data[0]?.embedding).toEqual([0.5]);
    expect(response.usage.prompt_tokens).toBe(2);
  });
});
