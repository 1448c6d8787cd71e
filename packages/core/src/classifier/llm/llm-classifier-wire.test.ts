import { sendJson, startFakeUpstream, type FakeUpstream, type RecordedRequest } from '@refract/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error';
import type { ProviderAdapter } from '../../providers/provider-adapter';
import type { ChatRequest } from '../../spec/chat-request';
import type { ChatCompletion } from '../../spec/chat-response';
import { heuristicTokenizer } from '../../tokenizer/tokenizer';
import { createClassifierInputBuilder } from '../build-classifier-input';
import { createLlmClassifier, promptTokens } from './create-llm-classifier';
import { completion, hugeConversation, verdictJson } from './llm.fixtures';

/**
 * A minimal OpenAI-wire adapter for these tests only: POST /v1/chat/completions with fetch over
 * a real socket. It proves the classifier's wire path; the real `@refract/adapters/openai`
 * replaces it in integration.
 */
function wireAdapter(baseUrl: string): ProviderAdapter {
  return {
    id: 'wire',
    type: 'openai',
    async chat(request, options) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
          body: JSON.stringify(request),
          ...(options?.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        throw new ProviderError({ provider: 'wire', kind: options?.signal?.aborted ? 'aborted' : 'network', message: error instanceof Error ? error.message : String(error) });
      }
      const text = await response.text();
      if (!response.ok) throw new ProviderError({ provider: 'wire', kind: response.status === 400 ? 'bad_request' : 'server', providerStatus: response.status, message: text });
      return { response: JSON.parse(text) as ChatCompletion, warnings: [] };
    },
    stream() {
      throw new Error('not used by the classifier');
    },
  };
}

const toInput = createClassifierInputBuilder();
const ask = (content: string) => toInput({ model: 'auto', messages: [{ role: 'user', content }] });
const body = (request: RecordedRequest | undefined): ChatRequest => request?.json as ChatRequest;
let upstream: FakeUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

describe('the LLM classifier over a real socket (OpenAI wire format)', () => {
  it('sends a strict JSON-schema request and reads the verdict', async () => {
    upstream = await startFakeUpstream((_request, response) => sendJson(response, 200, completion(verdictJson({ category: 'sql_generation', recommended_tier: 'low' }), { usage: [900, 40] })));
    const classifier = createLlmClassifier({ adapter: wireAdapter(upstream.url), model: 'gpt-4o-mini', pricing: { input: 0.15, output: 0.6 } });
    const result = await classifier.classify(ask('Write a SQL query joining orders and customers'), { signal: new AbortController().signal });
    expect(result).toMatchObject({ category: 'sql_generation', tier: 'low', source: 'llm:gpt-4o-mini' });
    expect(result.costUsd).toBeCloseTo((900 * 0.15 + 40 * 0.6) / 1e6, 12);
    const sent = upstream.requests[0];
    expect(sent?.url).toBe('/v1/chat/completions');
    expect(sent?.headers['authorization']).toBe('Bearer test-key');
    expect(body(sent)).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, max_tokens: 300, response_format: { type: 'json_schema', json_schema: { name: 'route_classification', strict: true } } });
  });

  it('answers a repeated request from its cache without a second upstream request', async () => {
    upstream = await startFakeUpstream((_request, response) => sendJson(response, 200, completion(verdictJson())));
    const classifier = createLlmClassifier({ adapter: wireAdapter(upstream.url), model: 'm' });
    await classifier.classify(ask('Please review this function'), { signal: new AbortController().signal });
    const second = await classifier.classify(ask('Please review this function'), { signal: new AbortController().signal });
    expect(second.cached).toBe(true);
    expect(upstream.requests).toHaveLength(1);
  });

  it('falls back to the next model on a garbage answer, and on a refused schema asks again without it', async () => {
    upstream = await startFakeUpstream((request, response) => {
      const sent = request.json as ChatRequest;
      if (sent.model === 'garbage') return sendJson(response, 200, completion('¯\\_(ツ)_/¯'));
      if (sent.response_format) return sendJson(response, 400, { error: { message: 'response_format is not supported', type: 'invalid_request_error' } });
      return sendJson(response, 200, completion(`Classification: ${verdictJson({ category: 'brainstorming', recommended_tier: 'minimal' })}`));
    });
    const adapter = wireAdapter(upstream.url);
    const classifier = createLlmClassifier({ adapters: [{ adapter, model: 'garbage' }, { adapter, model: 'old-vllm' }] });
    const result = await classifier.classify(ask('Give me 10 startup ideas'), { signal: new AbortController().signal });
    expect(result).toMatchObject({ category: 'brainstorming', source: 'llm:old-vllm' });
    expect(upstream.requests.map((request) => [body(request).model, body(request).response_format !== undefined])).toEqual([
      ['garbage', true],
      ['old-vllm', true],
      ['old-vllm', false],
    ]);
  });

  it('closes the upstream connection when its deadline passes, then uses the fallback model', async () => {
    let hungAt = 0;
    upstream = await startFakeUpstream((request, response) => {
      if ((request.json as ChatRequest).model === 'hangs') {
        hungAt = performance.now();
        return; // never answers
      }
      sendJson(response, 200, completion(verdictJson()));
    });
    const adapter = wireAdapter(upstream.url);
    const classifier = createLlmClassifier({ adapters: [{ adapter, model: 'hangs' }, { adapter, model: 'answers' }], timeoutMs: 80 });
    const result = await classifier.classify(ask('fix my code'), { signal: new AbortController().signal });
    expect(result.source).toBe('llm:answers');
    // The request reached the upstream at `hungAt`; the 80 ms deadline runs from just before that.
    await expect.poll(() => upstream?.socketCloses.some((closedAt) => closedAt - hungAt >= 40 && closedAt - hungAt < 600), { timeout: 2000 }).toBe(true);
  });

  it('sends at most the cap in tokens for a 500 KB conversation', async () => {
    upstream = await startFakeUpstream((_request, response) => sendJson(response, 200, completion(verdictJson({ category: 'swe_agentic', recommended_tier: 'high' }))));
    const input = toInput(hugeConversation(500_000));
    const classifier = createLlmClassifier({ adapter: wireAdapter(upstream.url), model: 'm', inputStrategy: 'summary', maxInputTokens: 3000 });
    const result = await classifier.classify(input, { signal: new AbortController().signal });
    expect(result.category).toBe('swe_agentic');
    const sent = upstream.requests[0];
    expect(sent?.body.length).toBeLessThan(24_000);
    expect(promptTokens(body(sent), heuristicTokenizer)).toBeLessThanOrEqual(3000);
  });
});
