import { collectStream, createRouter, type ChatRequest, type StreamPart } from '@refract/core';
import { describe, expect, it } from 'vitest';
import { createDemoAdapter } from './demo-adapter';
import { DEMO_EMBEDDING_DIMENSIONS } from './demo-embeddings';
import { DEMO_CHAT_MODELS, demoProviderConfig } from './demo-provider';

const adapter = createDemoAdapter({ describeModel: (model) => (model === 'gpt-4o' ? 'a medium-tier model' : undefined), hint: 'Set OPENAI_API_KEY for real answers.' });

async function parts(request: ChatRequest): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const part of adapter.stream(request)) out.push(part);
  return out;
}

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1 }, note: { type: 'string' } },
      required: ['city', 'unit', 'days'],
    },
  },
};

describe('the demo adapter', () => {
  it('says it is a demo, names the routed model and quotes the prompt, the same way every time', async () => {
    const request: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is   the capital of France?' }] };
    const first = await adapter.chat(request);
    const second = await adapter.chat(request);
    const text = first.response.choices[0]?.message.content ?? '';
    expect(text.startsWith('[Refract demo]')).toBe(true);
    expect(text).toContain('no language model was called');
    expect(text).toContain('gpt-4o (a medium-tier model)');
    expect(text).toContain('Your message (6 words): "What is the capital of France?"');
    expect(text).toContain('Set OPENAI_API_KEY for real answers.');
    expect(second.response.choices[0]?.message.content).toBe(text);
    expect(first.response.choices[0]?.finish_reason).toBe('stop');
    expect(first.response.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(first.response.usage?.total_tokens).toBe((first.response.usage?.prompt_tokens ?? 0) + (first.response.usage?.completion_tokens ?? 0));
  });

  it('streams the same answer in several chunks, then finish and usage', async () => {
    const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me a story about a lighthouse keeper' }] };
    const streamed = await parts(request);
    expect(streamed[0]?.type).toBe('stream-start');
    expect(streamed.filter((part) => part.type === 'text-delta').length).toBeGreaterThan(5);
    expect(streamed.slice(-2).map((part) => part.type)).toEqual(['finish', 'usage']);
    const collected = (await collectStream(adapter.stream(request))).toCompletion({ id: 'x', model: 'gpt-4o-mini', created: 0 });
    const json = await adapter.chat(request);
    expect(collected.choices[0]?.message.content).toBe(json.response.choices[0]?.message.content);
    expect(collected.usage).toEqual(json.response.usage);
  });

  it('calls the first tool with arguments built from its schema, in JSON and in stream fragments', async () => {
    const request: ChatRequest = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [weatherTool] };
    const { response } = await adapter.chat(request);
    const call = response.choices[0]?.message.tool_calls?.[0];
    expect(response.choices[0]?.finish_reason).toBe('tool_calls');
    expect(response.choices[0]?.message.content).toBeNull();
    expect(call?.function.name).toBe('get_weather');
    expect(JSON.parse(call?.function.arguments ?? '')).toEqual({ city: 'Weather in Paris?', unit: 'celsius', days: 1 });
    const streamed = await parts(request);
    const start = streamed.find((part) => part.type === 'tool-call-start');
    const fragments = streamed.flatMap((part) => (part.type === 'tool-call-delta' ? [part.argumentsDelta] : []));
    expect(start).toMatchObject({ index: 0, name: 'get_weather' });
    expect(fragments.length).toBe(2);
    expect(JSON.parse(fragments.join(''))).toEqual({ city: 'Weather in Paris?', unit: 'celsius', days: 1 });
    expect(streamed.find((part) => part.type === 'finish')).toMatchObject({ finishReason: 'tool_calls' });
  });

  it('honours a forced tool and tool_choice none', async () => {
    const other = { type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } } };
    const forced = await adapter.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], tools: [weatherTool, other], tool_choice: { type: 'function', function: { name: 'lookup' } } });
    expect(forced.response.choices[0]?.message.tool_calls?.[0]?.function.name).toBe('lookup');
    const none = await adapter.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], tools: [weatherTool], tool_choice: 'none' });
    expect(none.response.choices[0]?.message.tool_calls).toBeUndefined();
    expect(none.response.choices[0]?.message.content).toContain('[Refract demo]');
  });

  it('answers a tool result with text that names the tool and quotes the result', async () => {
    const { response } = await adapter.chat({
      model: 'gpt-4o',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temperature": 21}' },
      ],
    });
    expect(response.choices[0]?.finish_reason).toBe('stop');
    expect(response.choices[0]?.message.content).toContain('The tool get_weather returned: "{"temperature": 21}"');
  });

  it('answers JSON for response_format json_schema and json_object', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' }, score: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['answer', 'score', 'tags'] };
    const withSchema = await adapter.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Rate this' }], response_format: { type: 'json_schema', json_schema: { name: 'rating', schema } } });
    expect(JSON.parse(withSchema.response.choices[0]?.message.content ?? '')).toEqual({ answer: 'Rate this', score: 1, tags: ['Rate this'] });
    const object = await adapter.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Give JSON' }], response_format: { type: 'json_object' }, max_tokens: 1 });
    expect(JSON.parse(object.response.choices[0]?.message.content ?? '')).toEqual({ demo: true, model: 'gpt-4o', prompt: 'Give JSON' });
  });

  it('cuts text at max_tokens with finish reason length', async () => {
    const { response } = await adapter.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 5 });
    expect(response.choices[0]?.finish_reason).toBe('length');
    expect(response.choices[0]?.message.content?.length).toBe(20);
    expect(response.usage?.completion_tokens).toBe(5);
  });

  it('computes deterministic unit-length embeddings, as floats or base64 float32', async () => {
    const floats = await adapter.embed?.({ model: 'text-embedding-3-small', input: ['hello', 'world'] });
    const again = await adapter.embed?.({ model: 'text-embedding-3-small', input: 'hello' });
    const encoded = await adapter.embed?.({ model: 'text-embedding-3-small', input: 'hello', encoding_format: 'base64', dimensions: 16 });
    const first = floats?.response.data[0]?.embedding as number[];
    expect(first).toHaveLength(DEMO_EMBEDDING_DIMENSIONS);
    expect(again?.response.data[0]?.embedding).toEqual(first);
    expect(floats?.response.data[1]?.embedding).not.toEqual(first);
    expect(Math.hypot(...first)).toBeCloseTo(1, 5);
    const bytes = Buffer.from(encoded?.response.data[0]?.embedding as string, 'base64');
    expect(bytes.length).toBe(64);
    const decoded = Array.from({ length: 16 }, (_, index) => bytes.readFloatLE(index * 4));
    expect(Math.hypot(...decoded)).toBeCloseTo(1, 5);
    expect(floats?.response.usage.prompt_tokens).toBe(4);
  });

  it('refuses an aborted call and ends an aborted stream with an aborted error part', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(adapter.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    const live = new AbortController();
    const seen: StreamPart[] = [];
    for await (const part of adapter.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten' }] }, { signal: live.signal })) {
      seen.push(part);
      if (part.type === 'text-delta') live.abort();
    }
    expect(seen.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
  });

  it('serves every tier through a router, so auto-routing shows real decisions', async () => {
    const router = createRouter({ providers: [demoProviderConfig()], adapters: { demo: createDemoAdapter() } });
    const tiers = new Set(router.deployments.all.filter((deployment) => deployment.routable).map((deployment) => deployment.tier));
    expect(tiers.size).toBeGreaterThanOrEqual(4);
    expect(router.deployments.all.filter((deployment) => deployment.routable).map((deployment) => deployment.model).sort()).toEqual([...DEMO_CHAT_MODELS].sort());
    const small = await router.chat({ model: 'auto', messages: [{ role: 'user', content: 'hi there!' }] });
    const large = await router.chat({
      model: 'auto',
      messages: [{ role: 'user', content: 'Prove that there are infinitely many primes p such that p + 2 is also prime, or explain rigorously why this is an open problem, with a detailed analysis of sieve methods and the parity barrier.' }],
    });
    expect(small.response.choices[0]?.message.content).toContain(`routed your request to ${small.served.model}`);
    expect(small.served.provider).toBe('demo');
    expect(small.decision.tier).not.toBe(large.decision.tier);
    const embedded = await router.embed({ model: 'text-embedding-3-small', input: 'hello' });
    expect(embedded.served).toEqual({ provider: 'demo', model: 'text-embedding-3-small' });
  });
});
