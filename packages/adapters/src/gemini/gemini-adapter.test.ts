import { RefractError, parseChatRequest, parseEmbeddingsRequest } from '@refract/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGeminiAdapter } from './index';
import { mockGemini, TEST_API_KEY } from './test-fixtures';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createGeminiAdapter', () => {
  it('takes the key from GEMINI_API_KEY, then GOOGLE_API_KEY, and refuses to start without one', async () => {
    vi.stubEnv('GEMINI_API_KEY', '');
    vi.stubEnv('GOOGLE_API_KEY', '');
    expect(() => createGeminiAdapter()).toThrow(RefractError);
    expect(() => createGeminiAdapter()).toThrow(/GEMINI_API_KEY/);
    expect(() => createGeminiAdapter({ headers: { Authorization: 'Bearer proxy-token' } })).not.toThrow();

    for (const [name, value] of [['GOOGLE_API_KEY', 'google-key'], ['GEMINI_API_KEY', 'gemini-key']] as const) {
      vi.stubEnv(name, value);
      const { agent, calls, reply } = mockGemini();
      reply('/v1beta/models/gemini-2.5-flash:generateContent', 200, JSON.stringify({ candidates: [{ content: { parts: [{ text: 'hi' }] }, finishReason: 'STOP' }] }));
      const adapter = createGeminiAdapter({ dispatcher: agent });
      await adapter.chat(parseChatRequest({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }));
      expect(calls[0]?.headers['x-goog-api-key']).toBe(value);
    }
  });

  it('sends extra headers, per-call headers and safety settings; accepts models/ and tunedModels/ ids', async () => {
    const { agent, calls, reply } = mockGemini();
    const ok = JSON.stringify({ candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] });
    reply('/v1beta/models/gemini-2.5-pro:generateContent', 200, ok);
    reply('/v1beta/tunedModels/my-tuned:generateContent', 200, ok);
    const safetySettings = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'BLOCK_ONLY_HIGH' }];
    const adapter = createGeminiAdapter({ id: 'gemini-eu', apiKey: TEST_API_KEY, dispatcher: agent, headers: { 'x-team': 'search' }, safetySettings });
    expect(adapter).toMatchObject({ id: 'gemini-eu', type: 'gemini' });
    await adapter.chat(parseChatRequest({ model: 'models/gemini-2.5-pro', messages: [{ role: 'user', content: 'x' }] }), { headers: { 'x-request-id': 'r1' } });
    await adapter.chat(parseChatRequest({ model: 'tunedModels/my-tuned', messages: [{ role: 'user', content: 'x' }] }));
    expect(calls[0]?.headers).toMatchObject({ 'x-team': 'search', 'x-request-id': 'r1', 'x-goog-api-key': TEST_API_KEY });
    expect(calls[0]?.json).toMatchObject({ safetySettings });
    expect(calls[1]?.path).toBe('/v1beta/tunedModels/my-tuned:generateContent');
    await expect(adapter.chat(parseChatRequest({ model: '../admin?x=1', messages: [{ role: 'user', content: 'x' }] }))).rejects.toThrow(/not a valid Gemini model id/);
  });
});

describe('Gemini embeddings', () => {
  it('calls batchEmbedContents and answers in the OpenAI shape', async () => {
    const { agent, calls, reply } = mockGemini();
    reply('/v1beta/models/gemini-embedding-001:batchEmbedContents', 200, JSON.stringify({ embeddings: [{ values: [0.5, -1] }, { values: [0.25, 2] }] }));
    const adapter = createGeminiAdapter({ apiKey: TEST_API_KEY, dispatcher: agent });
    const { response, warnings } = await adapter.embed!(parseEmbeddingsRequest({ model: 'gemini-embedding-001', input: ['a', 'b'], dimensions: 2 }));
    expect(calls[0]?.json).toEqual({
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a' }] }, outputDimensionality: 2 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'b' }] }, outputDimensionality: 2 },
      ],
    });
    expect(response).toEqual({
      object: 'list',
      model: 'gemini-embedding-001',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -1] },
        { object: 'embedding', index: 1, embedding: [0.25, 2] },
      ],
      usage: { prompt_tokens: 0, total_tokens: 0 },
    });
    expect(warnings).toEqual([expect.objectContaining({ type: 'other', parameter: 'usage' })]);
  });

  it('uses reported usage, encodes base64 like OpenAI, and refuses token input and short answers', async () => {
    const { agent, reply } = mockGemini();
    const path = '/v1beta/models/text-embedding-004:batchEmbedContents';
    reply(path, 200, JSON.stringify({ embeddings: [{ values: [1.5, -2] }], usageMetadata: { promptTokenCount: 3 } }));
    reply(path, 200, JSON.stringify({ embeddings: [] }));
    const adapter = createGeminiAdapter({ apiKey: TEST_API_KEY, dispatcher: agent });
    const { response, warnings } = await adapter.embed!(parseEmbeddingsRequest({ model: 'text-embedding-004', input: 'hello', encoding_format: 'base64' }));
    const bytes = Buffer.from(response.data[0]?.embedding as string, 'base64');
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([1.5, -2]);
    expect(bytes.length).toBe(8);
    expect(response.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(warnings).toEqual([]);
    await expect(adapter.embed!(parseEmbeddingsRequest({ model: 'text-embedding-004', input: 'x' }))).rejects.toMatchObject({ kind: 'decode' });
    await expect(adapter.embed!(parseEmbeddingsRequest({ model: 'text-embedding-004', input: [1, 2, 3] }))).rejects.toMatchObject({ code: 'REFRACT_ERR_UNSUPPORTED', param: 'input' });
  });
});

describe('Gemini listModels', () => {
  it('reads every page and keeps the models that support generateContent, with their context window', async () => {
    const { agent, calls, reply } = mockGemini();
    reply(
      '/v1beta/models?pageSize=1000',
      200,
      JSON.stringify({
        models: [
          { name: 'models/gemini-2.5-flash', inputTokenLimit: 1048576, supportedGenerationMethods: ['generateContent', 'countTokens'] },
          { name: 'models/gemini-embedding-001', inputTokenLimit: 2048, supportedGenerationMethods: ['embedContent'] },
        ],
        nextPageToken: 'page/2',
      }),
    );
    reply('/v1beta/models?pageSize=1000&pageToken=page%2F2', 200, JSON.stringify({ models: [{ name: 'models/gemini-3-pro-preview', inputTokenLimit: 1048576, supportedGenerationMethods: ['generateContent'] }] }));
    const adapter = createGeminiAdapter({ apiKey: TEST_API_KEY, dispatcher: agent });
    expect(await adapter.listModels!()).toEqual([
      { id: 'gemini-2.5-flash', contextWindow: 1048576, ownedBy: 'google' },
      { id: 'gemini-3-pro-preview', contextWindow: 1048576, ownedBy: 'google' },
    ]);
    expect(calls.every((call) => call.headers['x-goog-api-key'] === TEST_API_KEY)).toBe(true);
  });
});
