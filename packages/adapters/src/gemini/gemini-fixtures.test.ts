import {
  chatChunkSchema,
  chatCompletionSchema,
  collectStream,
  parseChatRequest,
  ProviderError,
  StreamAccumulator,
  StreamChunkWriter,
  type ChatCompletion,
  type StreamPart,
} from '@refract/core';
import { describe, expect, it } from 'vitest';
import { createGeminiAdapter } from './index';
import {
  argumentsFromPartials,
  listGoogleFixtures,
  mockGemini,
  partialArgsPerCall,
  readChunkLines,
  readJsonFixture,
  sseBody,
  TEST_API_KEY,
} from './test-fixtures';

const MODEL = 'gemini-3-pro-preview';
const GENERATE = `/v1beta/models/${MODEL}:generateContent`;
const STREAM = `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`;
const request = parseChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'How many rs in strawberry?' }] });

async function replayJson(name: string): Promise<{ response: ChatCompletion; headers: Record<string, string>; path: string }> {
  const { agent, calls, reply } = mockGemini();
  reply(GENERATE, 200, JSON.stringify(readJsonFixture(name)));
  const adapter = createGeminiAdapter({ apiKey: TEST_API_KEY, dispatcher: agent });
  const { response } = await adapter.chat(request);
  expect(chatCompletionSchema.safeParse(response).success).toBe(true);
  return { response, headers: calls[0]?.headers ?? {}, path: calls[0]?.path ?? '' };
}

async function replayStream(name: string): Promise<{ parts: StreamPart[]; completion: ChatCompletion; argumentFragments: number }> {
  const { agent, reply } = mockGemini();
  reply(STREAM, 200, sseBody(readChunkLines(name)), 'text/event-stream');
  const adapter = createGeminiAdapter({ apiKey: TEST_API_KEY, dispatcher: agent });
  const parts: StreamPart[] = [];
  for await (const part of adapter.stream(request)) parts.push(part);
  const writer = new StreamChunkWriter({ id: 'c', model: MODEL, created: 1, includeUsage: true });
  const chunks = [...parts.flatMap((part) => writer.write(part)), ...writer.end()];
  for (const chunk of chunks) expect(chatChunkSchema.safeParse(chunk).success).toBe(true);
  const argumentFragments = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? [])).filter((call) => call.function?.arguments).length;
  const accumulator = new StreamAccumulator();
  for (const part of parts) accumulator.add(part);
  expect(accumulator.error).toBeUndefined();
  return { parts, completion: accumulator.toCompletion({ id: 'x', model: MODEL, created: 1 }), argumentFragments };
}

const signatureOf = (value: unknown): string => ((value as { extra_content?: { google?: { thought_signature?: string } } }).extra_content?.google?.thought_signature ?? '');

/** Every recorded Google payload this file replays; the coverage test checks the folder against it. */
const REPLAYED = new Set([
  'google-text.json',
  'google-reasoning.json',
  'google-reasoning-gemini3.json',
  'google-tool-call.json',
  'google-tool-call-gemini3.json',
  'google-429-retry-info.json',
  'google-text.chunks.txt',
  'google-reasoning.chunks.txt',
  'google-reasoning-gemini3.chunks.txt',
  'google-tool-call.chunks.txt',
  'google-tool-call-gemini3.chunks.txt',
  'google-stream-no-args-tool-call.chunks.txt',
  'google-stream-tool-call-arguments.chunks.txt',
  'google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt',
  'google-vertex-stream-tool-call-arguments-nested.1.chunks.txt',
]);
const replays = (name: string): string => {
  if (!REPLAYED.has(name)) throw new Error(`${name} is replayed but missing from REPLAYED`);
  return name;
};

describe('Gemini fixtures: generateContent (JSON) replayed through chat()', () => {
  it.each([
    ['google-text.json', "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.", 'EtoFCtcF', [9, 272, 281, 244]],
    ['google-reasoning.json', 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.', 'EvsFCvgF', [9, 311, 320, 282]],
    ['google-reasoning-gemini3.json', 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.', 'EswFCskF', [9, 287, 296, 258]],
  ])('%s: text, thought signature on the message, usage with thoughts in the output', async (name, text, signature, [prompt, completion, total, reasoning]) => {
    const fixture = readJsonFixture(replays(name));
    const { response, headers, path } = await replayJson(name);
    expect(path).toBe(GENERATE);
    expect(headers['x-goog-api-key']).toBe(TEST_API_KEY);
    expect(path).not.toContain('key=');
    expect(response.id).toBe(fixture.responseId);
    expect(response.model).toBe('gemini-3-pro-preview');
    expect(response.choices).toHaveLength(1);
    expect(response.choices[0]?.message.content).toBe(text);
    expect(response.choices[0]?.finish_reason).toBe('stop');
    expect(signatureOf(response.choices[0]?.message).startsWith(signature)).toBe(true);
    expect(response.usage).toEqual({
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: total,
      completion_tokens_details: { reasoning_tokens: reasoning },
    });
    expect(response.usage?.total_tokens).toBe(fixture.usageMetadata?.totalTokenCount);
  });

  it.each([
    ['google-tool-call.json', 'EskgCsYg', [29, 908, 937, 893]],
    ['google-tool-call-gemini3.json', 'Eqo+Cqc+', [29, 1816, 1845, 1801]],
  ])('%s: a function call with its thought signature, finish tool_calls', async (name, signature, [prompt, completion, total, reasoning]) => {
    replays(name);
    const { response } = await replayJson(name);
    const message = response.choices[0]?.message;
    expect(message?.content).toBeNull();
    expect(message?.tool_calls).toHaveLength(1);
    const call = message?.tool_calls?.[0];
    expect(call?.id).toMatch(/^call-[0-9a-f]{24}$/);
    expect(call?.function).toEqual({ name: 'weather', arguments: '{"location":"San Francisco"}' });
    expect(signatureOf(call).startsWith(signature)).toBe(true);
    expect(response.choices[0]?.finish_reason).toBe('tool_calls');
    expect(response.usage).toEqual({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: total, completion_tokens_details: { reasoning_tokens: reasoning } });
  });

  it('google-429-retry-info.json: rate_limit, retryable, retry delay from google.rpc.RetryInfo (chat and stream)', async () => {
    const body = JSON.stringify(readJsonFixture(replays('google-429-retry-info.json')));
    const { agent, reply } = mockGemini();
    reply(GENERATE, 429, body);
    reply(STREAM, 429, body);
    const adapter = createGeminiAdapter({ apiKey: TEST_API_KEY, dispatcher: agent });
    for (const call of [() => adapter.chat(request), () => collectStream(adapter.stream(request))]) {
      const error = (await call().then(
        () => undefined,
        (caught: unknown) => caught,
      )) as ProviderError;
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: 'rate_limit', retryable: true, retryAfterMs: 34_400, providerStatus: 429, providerCode: 'RESOURCE_EXHAUSTED' });
      expect(error.message).toContain('You exceeded your current quota');
    }
  });
});

describe('Gemini fixtures: streamGenerateContent (SSE) replayed through stream()', () => {
  it.each([
    ['google-text.chunks.txt', 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y', 'EqsFCqgF', [9, 208, 217]],
    ['google-reasoning.chunks.txt', 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.', 'Eo0HCooH', [9, 285, 294]],
    ['google-reasoning-gemini3.chunks.txt', 'There are **3** "r"s in strawberry.\n\nSt**r**awbe**rr**y', 'EpAICo0I', [9, 325, 334]],
  ])('%s: text deltas, the signature of the closing empty part, usage once at the end', async (name, text, signature, [prompt, completion, total]) => {
    const { parts, completion: result } = await replayStream(replays(name));
    const fixtureId = JSON.parse(readChunkLines(name)[0] ?? '{}').responseId as string;
    expect(parts[0]).toMatchObject({ type: 'stream-start', id: fixtureId, model: 'gemini-3-pro-preview' });
    expect(result.choices[0]?.message.content).toBe(text);
    expect(result.choices[0]?.finish_reason).toBe('stop');
    expect(parts.filter((part) => part.type === 'usage')).toHaveLength(1);
    expect(result.usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: total });
    const signed = parts.find((part) => part.type === 'reasoning-delta' && part.signature);
    expect(signed?.type === 'reasoning-delta' && signed.signature?.startsWith(signature)).toBe(true);
  });

  it.each([
    ['google-tool-call.chunks.txt', 'EqUCCqIC', [29, 60, 89]],
    ['google-tool-call-gemini3.chunks.txt', 'EpEgCo4g', [29, 819, 848]],
  ])('%s: a whole function call with its signature in the opening tool-call delta', async (name, signature, [prompt, completion, total]) => {
    const { parts, completion: result } = await replayStream(replays(name));
    const start = parts.find((part) => part.type === 'tool-call-start');
    expect(start).toMatchObject({ type: 'tool-call-start', index: 0, name: 'weather' });
    const call = result.choices[0]?.message.tool_calls?.[0];
    expect(call?.function).toEqual({ name: 'weather', arguments: '{"location":"San Francisco"}' });
    expect(signatureOf(call).startsWith(signature)).toBe(true);
    expect(result.choices[0]?.finish_reason).toBe('tool_calls');
    expect(result.usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: total });
  });

  it('google-stream-no-args-tool-call.chunks.txt: thought summary, a call without args, three streamed calls', async () => {
    const name = replays('google-stream-no-args-tool-call.chunks.txt');
    const { completion } = await replayStream(name);
    const message = completion.choices[0]?.message;
    expect(message?.reasoning_content).toMatch(/^\*\*Processing User Requests\*\*/);
    expect(message?.content).toBeNull();
    expect(message?.tool_calls?.map((call) => [call.function.name, JSON.parse(call.function.arguments)])).toEqual([
      ['read_theme', {}],
      ['read_screen', { id: 'A' }],
      ['read_screen', { id: 'B' }],
      ['read_screen', { id: 'C' }],
    ]);
    expect(signatureOf(message?.tool_calls?.[0]).startsWith('AY89a18a8')).toBe(true);
    expect(message?.tool_calls?.slice(1).every((call) => !('extra_content' in call))).toBe(true);
    expect(new Set(message?.tool_calls?.map((call) => call.id)).size).toBe(4);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.usage).toMatchObject({ prompt_tokens: 249, completion_tokens: 241, total_tokens: 490, completion_tokens_details: { reasoning_tokens: 183 } });
  });

  it.each([
    ['google-stream-tool-call-arguments.chunks.txt', ['getWeather', 'getWeather'], [26, 155, 181]],
    ['google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt', ['writeItems'], [54, 195, 249]],
    ['google-vertex-stream-tool-call-arguments-nested.1.chunks.txt', ['cookRecipe'], [31, 1710, 1741]],
  ])('%s: streamed partial arguments become incremental, valid JSON', async (name, names, [prompt, completion, total]) => {
    const { completion: result, argumentFragments } = await replayStream(replays(name));
    const calls = result.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => call.function.name)).toEqual(names);
    const expected = partialArgsPerCall(readChunkLines(name)).map(argumentsFromPartials);
    expect(calls.map((call) => JSON.parse(call.function.arguments))).toEqual(expected);
    expect(argumentFragments).toBeGreaterThan(calls.length);
    expect(result.choices[0]?.finish_reason).toBe('tool_calls');
    expect(result.usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: total });
  });

  it('the nested Vertex stream keeps every ingredient and step, strings joined across chunks', async () => {
    const { completion } = await replayStream(replays('google-vertex-stream-tool-call-arguments-nested.1.chunks.txt'));
    const args = JSON.parse(completion.choices[0]?.message.tool_calls?.[0]?.function.arguments ?? '{}') as {
      recipe: { name: string; ingredients: { amount: string; name: string }[]; steps: string[] };
    };
    expect(args.recipe.name).toBe('Lasagna');
    expect(args.recipe.ingredients).toHaveLength(10);
    expect(args.recipe.ingredients[0]).toEqual({ amount: '16 oz', name: 'Lasagna noodles' });
    expect(args.recipe.steps).toHaveLength(10);
    expect(args.recipe.steps[1]).toBe('Cook lasagna noodles according to package directions, drain and set aside.');
    expect(args.recipe.steps[4]).toBe('In a 9x13 baking dish, spread a thin layer of meat sauce.');
  });
});

describe('Gemini fixtures: coverage', () => {
  it('replays every recorded Google payload', () => {
    expect(listGoogleFixtures()).toEqual([...REPLAYED].sort());
  });
});
