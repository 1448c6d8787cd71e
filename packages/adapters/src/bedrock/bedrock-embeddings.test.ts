import { afterEach, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { REGION, RUNTIME_ORIGIN, testOptions } from './bedrock-test-kit';
import { createBedrockAdapter } from './index';

interface Invocation {
  path: string;
  body: Record<string, unknown>;
}

let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

/** A MockAgent answering every InvokeModel call with `answer(body)`, recording the calls. */
function invokeMock(answer: (body: Record<string, unknown>) => { json: unknown; tokens?: number }): Invocation[] {
  agent = new MockAgent();
  agent.disableNetConnect();
  const calls: Invocation[] = [];
  agent
    .get(RUNTIME_ORIGIN)
    .intercept({ path: (path) => path.endsWith('/invoke'), method: 'POST' })
    .reply((options) => {
      const body = JSON.parse(String(options.body)) as Record<string, unknown>;
      calls.push({ path: options.path, body });
      const { json, tokens } = answer(body);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (tokens !== undefined) headers['x-amzn-bedrock-input-token-count'] = String(tokens);
      return { statusCode: 200, data: JSON.stringify(json), responseOptions: { headers } };
    })
    .persist();
  return calls;
}

describe('Titan embeddings', () => {
  it('makes one InvokeModel call per input and sums inputTextTokenCount', async () => {
    const calls = invokeMock((body) => ({ json: { embedding: [String(body['inputText']).length, 0.5], inputTextTokenCount: String(body['inputText']).length } }));
    const adapter = createBedrockAdapter(testOptions({ dispatcher: agent as MockAgent, embeddings: { titanConcurrency: 2 } }));
    const { response, warnings } = await adapter.embed!({ model: 'amazon.titan-embed-text-v2:0', input: ['a', 'bbb', 'cc'], dimensions: 256 });
    expect(response).toEqual({
      object: 'list',
      model: 'amazon.titan-embed-text-v2:0',
      data: [
        { object: 'embedding', index: 0, embedding: [1, 0.5] },
        { object: 'embedding', index: 1, embedding: [3, 0.5] },
        { object: 'embedding', index: 2, embedding: [2, 0.5] },
      ],
      usage: { prompt_tokens: 6, total_tokens: 6 },
    });
    expect(warnings).toEqual([]);
    expect(calls.map((call) => call.body).sort((a, b) => String(a['inputText']).localeCompare(String(b['inputText'])))).toEqual([
      { inputText: 'a', normalize: true, dimensions: 256 },
      { inputText: 'bbb', normalize: true, dimensions: 256 },
      { inputText: 'cc', normalize: true, dimensions: 256 },
    ]);
    expect(calls[0]?.path).toBe('/model/amazon.titan-embed-text-v2%3A0/invoke');
  });

  it('returns base64 float32 little-endian vectors for encoding_format base64', async () => {
    invokeMock(() => ({ json: { embedding: [1.5, -2], inputTextTokenCount: 1 } }));
    const adapter = createBedrockAdapter(testOptions({ dispatcher: agent as MockAgent }));
    const { response } = await adapter.embed!({ model: 'amazon.titan-embed-text-v2:0', input: 'x', encoding_format: 'base64' });
    const bytes = Buffer.from(response.data[0]?.embedding as string, 'base64');
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([1.5, -2]);
  });

  it('warns that Titan v1 has a fixed size and the user field is not sent', async () => {
    const calls = invokeMock(() => ({ json: { embedding: [0.1], inputTextTokenCount: 2 } }));
    const adapter = createBedrockAdapter(testOptions({ dispatcher: agent as MockAgent }));
    const { warnings } = await adapter.embed!({ model: 'amazon.titan-embed-text-v1', input: 'x', dimensions: 512, user: 'u' });
    expect(warnings.map((warning) => warning.parameter).sort()).toEqual(['dimensions', 'user']);
    expect(calls[0]?.body).toEqual({ inputText: 'x' });
  });
});

describe('Cohere embeddings', () => {
  it('batches 96 texts per call with input_type, usage from the token-count header', async () => {
    const calls = invokeMock((body) => {
      const texts = body['texts'] as string[];
      return { json: { id: 'e1', response_type: 'embeddings_floats', embeddings: texts.map((text) => [Number(text)]), texts }, tokens: texts.length * 2 };
    });
    const adapter = createBedrockAdapter(testOptions({ dispatcher: agent as MockAgent, embeddings: { cohereTruncate: 'END' } }));
    const input = Array.from({ length: 100 }, (_, index) => String(index));
    const { response } = await adapter.embed!({ model: 'cohere.embed-multilingual-v3', input, input_type: 'search_query' } as never);
    expect(calls.map((call) => (call.body['texts'] as string[]).length)).toEqual([96, 4]);
    expect(calls[0]?.body).toMatchObject({ input_type: 'search_query', truncate: 'END' });
    expect(response.data.map((item) => item.embedding)).toEqual(input.map((text) => [Number(text)]));
    expect(response.data.map((item) => item.index)).toEqual(input.map((_, index) => index));
    expect(response.usage).toEqual({ prompt_tokens: 200, total_tokens: 200 });
  });

  it('reads the v4 {float: [...]} shape and sends output_dimension', async () => {
    const calls = invokeMock(() => ({ json: { embeddings: { float: [[0.25, 0.75]] } }, tokens: 3 }));
    const adapter = createBedrockAdapter(testOptions({ dispatcher: agent as MockAgent }));
    const { response } = await adapter.embed!({ model: 'us.cohere.embed-v4:0', input: 'hello', dimensions: 256 });
    expect(calls[0]?.body).toEqual({ texts: ['hello'], input_type: 'search_document', embedding_types: ['float'], output_dimension: 256 });
    expect(response.data[0]?.embedding).toEqual([0.25, 0.75]);
  });

  it('warns when Bedrock reports no token count', async () => {
    invokeMock(() => ({ json: { embeddings: [[1]] } }));
    const adapter = createBedrockAdapter(testOptions({ dispatcher: agent as MockAgent }));
    const { response, warnings } = await adapter.embed!({ model: 'cohere.embed-english-v3', input: 'x' });
    expect(response.usage.prompt_tokens).toBe(0);
    expect(warnings).toEqual([expect.objectContaining({ type: 'other' })]);
  });
});

describe('embedding errors', () => {
  it('refuses models it cannot embed with and token-id input', async () => {
    const adapter = createBedrockAdapter(testOptions({ region: REGION }));
    await expect(adapter.embed!({ model: 'meta.llama3-8b-instruct-v1:0', input: 'x' })).rejects.toMatchObject({ code: 'REFRACT_ERR_UNSUPPORTED' });
    await expect(adapter.embed!({ model: 'amazon.titan-embed-text-v2:0', input: [1, 2, 3] })).rejects.toMatchObject({ code: 'REFRACT_ERR_UNSUPPORTED', param: 'input' });
  });

  it('fails with a decode error when Bedrock returns fewer vectors than inputs', async () => {
    invokeMock(() => ({ json: { embeddings: [[1]] }, tokens: 1 }));
    const adapter = createBedrockAdapter(testOptions({ dispatcher: agent as MockAgent }));
    await expect(adapter.embed!({ model: 'cohere.embed-english-v3', input: ['a', 'b'] })).rejects.toMatchObject({ kind: 'decode' });
  });
});

describe('listModels', () => {
  it('lists active on-demand text models from the control plane', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    let seen: { path: string; authorization: string } | undefined;
    agent
      .get(`https://bedrock.${REGION}.amazonaws.com`)
      .intercept({ path: '/foundation-models?byOutputModality=TEXT', method: 'GET' })
      .reply((options) => {
        seen = { path: options.path, authorization: String((options.headers as Record<string, string>)['authorization']) };
        return {
          statusCode: 200,
          data: JSON.stringify({
            modelSummaries: [
              { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', providerName: 'Anthropic', inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'ACTIVE' } },
              { modelId: 'anthropic.claude-v2', providerName: 'Anthropic', inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'LEGACY' } },
              { modelId: 'meta.llama3-1-405b-instruct-v1:0', providerName: 'Meta', inferenceTypesSupported: ['INFERENCE_PROFILE'], modelLifecycle: { status: 'ACTIVE' } },
            ],
          }),
          responseOptions: { headers: { 'content-type': 'application/json' } },
        };
      });
    const adapter = createBedrockAdapter(testOptions({ dispatcher: agent }));
    expect(await adapter.listModels!()).toEqual([{ id: 'anthropic.claude-3-haiku-20240307-v1:0', ownedBy: 'Anthropic' }]);
    expect(seen?.authorization).toMatch(/Credential=AKIDEXAMPLE\/20250102\/us-east-1\/bedrock\/aws4_request/);
  });
});
