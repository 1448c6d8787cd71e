import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { StreamAccumulator, type ProviderErrorKind, type StreamPart, type Usage } from '@refract/core';
import { readInlineCases, type InlineCase } from '../shared/testing/provider-fixtures';
import { collectParts, offlineMockAgent } from '../shared/testing/stream-test-helpers';
import { createOpenAIAdapter } from './openai-adapter';

/**
 * The raw SSE cases extracted from vercel/ai's OpenAI, OpenAI-compatible, Groq and Mistral chat
 * tests (../shared/fixtures/providers/vercel-ai-inline), replayed byte for byte through the
 * adapter. Every case has an explicit expectation below; an unlisted case fails the suite.
 */

interface Expected {
  text?: Record<number, string>;
  reasoning?: string;
  toolCalls?: { index?: number; id: string; name: string; arguments: string; extraContent?: Record<string, unknown> }[];
  finish?: Record<number, string>;
  usage?: Usage;
  error?: { kind: ProviderErrorKind; includes: string; status?: number };
  warningIncludes?: string[];
  partTypes?: string[];
}

const sparkle = { id: 'call_O17Uplv4lJvD6DVdIvFFeRMw', name: 'test-tool', arguments: '{"value":"Sparkle Day"}' };
const searchGoogle = { id: 'chatcmpl-tool-b3b307239370432d9910d4b79b4dbbaa', name: 'searchGoogle', arguments: '{"query": "latest news on ai"}' };
const serverErrorText = 'The server had an error processing your request';
/** Gemini's thought signature as its OpenAI-compatible endpoint sends it on a tool call (`extra_content`). */
const signature = (value: string): Record<string, unknown> => ({ google: { thought_signature: value } });

const expectations: Record<string, Expected> = {
  'openai-chat:2315': { text: { 0: 'Hello' }, finish: { 0: 'stop' } },
  'openai-chat:2525': {
    text: { 0: '', 1: 'Based on search results' },
    finish: { 0: 'stop', 1: 'stop' },
    usage: { inputTokens: 17, outputTokens: 227 },
    warningIncludes: ['"annotations"'],
  },
  'openai-chat:2576': { toolCalls: [sparkle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 53, outputTokens: 17 } },
  'openai-chat:2725': { toolCalls: [sparkle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 53, outputTokens: 17 } },
  'openai-chat:2879': { toolCalls: [searchGoogle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 226, outputTokens: 20 } },
  // The fragments really are `{"query": "test"}` then `, "limit": 10}`: concatenated as sent, never cut at the first parsable prefix.
  'openai-chat:3046': { toolCalls: [{ id: 'call_early123', name: 'search', arguments: '{"query": "test"}, "limit": 10}' }], finish: { 0: 'tool_calls' } },
  'openai-chat:3120': { toolCalls: [{ id: 'call_abc123', name: 'test-tool', arguments: '{"value":"hello"}' }], finish: { 0: 'tool_calls' }, usage: { inputTokens: 10, outputTokens: 5 } },
  'openai-chat:3173': { toolCalls: [sparkle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 53, outputTokens: 17 } },
  'openai-chat:3271': { error: { kind: 'server', includes: serverErrorText }, partTypes: ['stream-start', 'error'] },
  'openai-chat:3294': { error: { kind: 'bad_request', includes: 'bad request', status: 400 } },
  'openai-chat:3315': { text: { 0: 'Hello' }, error: { kind: 'server', includes: 'stream failed after output' }, partTypes: ['stream-start', 'text-delta', 'error'] },
  'openai-chat:3392': { error: { kind: 'decode', includes: '{unparsable}' } },
  'openai-chat:3496': { finish: { 0: 'stop' }, usage: { inputTokens: 17, outputTokens: 227 } },
  'openai-chat:3569': { finish: { 0: 'stop' }, usage: { inputTokens: 2000, outputTokens: 20, cachedInputTokens: 1152, cacheWriteTokens: 256 } },
  'openai-chat:3629': { finish: { 0: 'stop' }, usage: { inputTokens: 15, outputTokens: 20 } },
  'openai-chat:3817': { text: { 1: 'Hello, World!' }, finish: { 0: 'stop', 1: 'stop' }, usage: { inputTokens: 17, outputTokens: 227 } },
  'openai-chat:3898': { text: { 1: 'Hello, World!' }, finish: { 0: 'stop', 1: 'stop' }, usage: { inputTokens: 15, outputTokens: 20, reasoningTokens: 10 } },
  'openai-chat:3984': { text: { 1: 'Hello World!' }, finish: { 0: 'stop', 1: 'stop' }, usage: { inputTokens: 17, outputTokens: 227 } },
  'openai-chat:4103': { text: { 1: 'Hello World!' }, finish: { 0: 'stop', 1: 'stop' }, usage: { inputTokens: 17, outputTokens: 227 } },

  'openai-compatible-chat:2034': { text: { 0: 'Hello World' }, finish: { 0: 'stop' } },
  'openai-compatible-chat:2090': { text: { 0: "Here's my response" }, reasoning: 'Let me think about this', finish: { 0: 'stop' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'openai-compatible-chat:2193': { text: { 0: 'My answer is correct' }, reasoning: 'Let me consider this carefully', finish: { 0: 'stop' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'openai-compatible-chat:2296': { text: { 0: 'Final response' }, reasoning: 'From reasoning_content', finish: { 0: 'stop' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'openai-compatible-chat:2385': { toolCalls: [sparkle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'openai-compatible-chat:2538': { toolCalls: [{ id: 'call_late', name: 'test-tool', arguments: '{"value":"hi"}' }], finish: { 0: 'tool_calls' }, usage: { inputTokens: 18, outputTokens: 10 } },
  'openai-compatible-chat:2694': { error: { kind: 'decode', includes: 'call_missing never received a function name' } },
  'openai-compatible-chat:2734': {
    toolCalls: [{ id: 'function-call-1', name: 'check_flight', arguments: '{"flight":"AA100"}', extraContent: signature('<Signature A>') }],
    finish: { 0: 'tool_calls' },
    usage: { inputTokens: 10, outputTokens: 20 },
  },
  'openai-compatible-chat:2795': {
    toolCalls: [
      { index: 0, id: 'call-paris', name: 'get_weather', arguments: '{"location":"Paris"}', extraContent: signature('<Signature A>') },
      { index: 1, id: 'call-london', name: 'get_weather', arguments: '{"location":"London"}' },
    ],
    finish: { 0: 'tool_calls' },
    usage: { inputTokens: 10, outputTokens: 20 },
  },
  'openai-compatible-chat:2872': { toolCalls: [sparkle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'openai-compatible-chat:3030': { toolCalls: [searchGoogle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 226, outputTokens: 20 } },
  'openai-compatible-chat:3180': { toolCalls: [sparkle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'openai-compatible-chat:3282': { toolCalls: [{ id: sparkle.id, name: 'test-tool', arguments: '' }], finish: { 0: 'tool_calls' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'openai-compatible-chat:3378': { error: { kind: 'context_overflow', includes: 'Context length exceeded' } },
  'openai-compatible-chat:3433': { error: { kind: 'decode', includes: '{unparsable}' } },
  'openai-compatible-chat:3751': {
    toolCalls: [{ id: 'call-1', name: 'test_tool', arguments: '{"a":1}', extraContent: signature('<Sig>') }],
    finish: { 0: 'tool_calls' },
    usage: { inputTokens: 10, outputTokens: 5 },
  },
  'openai-compatible-chat:3818': { text: { 0: 'Hello' }, finish: { 0: 'stop' }, usage: { inputTokens: 20, outputTokens: 30, cachedInputTokens: 5, reasoningTokens: 10 } },
  'openai-compatible-chat:3884': { text: { 0: 'Hello' }, finish: { 0: 'stop' }, usage: { inputTokens: 20, outputTokens: 30 } },
  'openai-compatible-chat:3908': { text: { 0: 'Hello' }, finish: { 0: 'stop' }, usage: { inputTokens: 20, outputTokens: 30, cachedInputTokens: 5, reasoningTokens: 10 } },
  'openai-compatible-chat:4065': { text: { 0: 'Hello' }, finish: { 0: 'stop' } },
  'openai-compatible-chat:4112': { text: { 0: 'Hello' }, finish: { 0: 'stop' } },
  'openai-compatible-chat:4233': { text: { 0: 'Hello!' }, finish: { 0: 'stop' }, usage: { inputTokens: 4, outputTokens: 2 } },

  'groq-chat:1071': { toolCalls: [sparkle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'groq-chat:1221': { toolCalls: [searchGoogle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 226, outputTokens: 20 } },
  'groq-chat:1362': { toolCalls: [sparkle], finish: { 0: 'tool_calls' }, usage: { inputTokens: 18, outputTokens: 439 } },
  'groq-chat:1456': { error: { kind: 'bad_request', includes: serverErrorText } },
  'groq-chat:1507': { error: { kind: 'decode', includes: '{unparsable}' } },
  'groq-chat:1636': { text: { 0: 'Hello world' }, finish: { 0: 'stop' }, usage: { inputTokens: 10, outputTokens: 5 } },

  'mistral-chat:1073': { text: { 0: 'prefix and more content' }, finish: { 0: 'stop' }, usage: { inputTokens: 4, outputTokens: 32 } },
  'mistral-chat:1160': { text: { 0: 'Hello, world!' }, finish: { 0: 'stop' }, usage: { inputTokens: 4, outputTokens: 32 } },
  'mistral-chat:1234': {
    text: { 0: 'Partial answer.Final answer.' },
    reasoning: 'First thought.Second thought.',
    finish: { 0: 'stop' },
    usage: { inputTokens: 10, outputTokens: 30 },
    partTypes: ['stream-start', 'reasoning-delta', 'text-delta', 'reasoning-delta', 'text-delta', 'finish', 'usage'],
  },
  'mistral-chat:1344': { text: { 0: 'Hello world' }, finish: { 0: 'stop' }, usage: { inputTokens: 10, outputTokens: 5 } },
};

const files = ['openai-chat', 'openai-compatible-chat', 'groq-chat', 'mistral-chat'] as const;
const cases = files.flatMap((file) => readInlineCases(`${file}.inline-chunks.jsonl`).map((inline) => ({ key: `${file}:${inline.line}`, inline })));

const ORIGIN = 'https://compat.example.test';
let agent: MockAgent;
beforeAll(() => {
  agent = offlineMockAgent();
});
afterAll(async () => {
  await agent.close();
});

async function replay(inline: InlineCase): Promise<StreamPart[]> {
  agent.get(ORIGIN).intercept({ path: '/v1/chat/completions', method: 'POST' }).reply(200, inline.chunks.join(''), { headers: { 'content-type': 'text/event-stream' } });
  const adapter = createOpenAIAdapter({ baseURL: `${ORIGIN}/v1`, dispatcher: agent });
  return collectParts(adapter.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }));
}

describe('vercel-ai inline SSE cases', () => {
  it('has an expectation for every extracted case', () => {
    expect(cases.map((entry) => entry.key).filter((key) => !(key in expectations))).toEqual([]);
    expect(cases).toHaveLength(51);
  });

  it.each(cases)('$key: $inline.test', async ({ key, inline }) => {
    const expected = expectations[key] ?? {};
    const parts = await replay(inline);
    expect(parts[0]?.type).toBe('stream-start');
    const accumulator = new StreamAccumulator();
    for (const part of parts) accumulator.add(part);
    const completion = accumulator.toCompletion({ id: 'x', model: 'x', created: 0 });
    if (expected.partTypes) expect(parts.map((part) => part.type)).toEqual(expected.partTypes);
    for (const [index, text] of Object.entries(expected.text ?? {})) {
      expect(completion.choices.find((choice) => choice.index === Number(index))?.message.content ?? '').toBe(text);
    }
    if (expected.reasoning !== undefined) expect(completion.choices[0]?.message.reasoning_content).toBe(expected.reasoning);
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    // extra_content (Gemini's thought signatures) is carried on the tool call it came with, and only there.
    expect(calls.map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments, extra: call['extra_content'] }))).toEqual(
      (expected.toolCalls ?? []).map(({ id, name, arguments: args, extraContent }) => ({ id, name, arguments: args, extra: extraContent })),
    );
    const starts = parts.filter((part) => part.type === 'tool-call-start');
    expect(starts).toHaveLength(expected.toolCalls?.length ?? 0);
    for (const call of expected.toolCalls ?? []) {
      if (call.index !== undefined) expect(starts.find((part) => part.id === call.id)).toMatchObject({ index: call.index });
    }
    for (const [index, reason] of Object.entries(expected.finish ?? {})) {
      expect(completion.choices.find((choice) => choice.index === Number(index))?.finish_reason).toBe(reason);
    }
    expect(accumulator.usage).toEqual(expected.usage);
    if (expected.error) {
      const last = parts.at(-1);
      expect(last?.type).toBe('error');
      if (last?.type === 'error') {
        expect(last.error.kind).toBe(expected.error.kind);
        expect(last.error.message).toContain(expected.error.includes);
        if (expected.error.status) expect(last.error.providerStatus).toBe(expected.error.status);
      }
    } else {
      expect(parts.filter((part) => part.type === 'error')).toEqual([]);
    }
    const warnings = accumulator.warnings.map((warning) => warning.message).join('\n');
    for (const fragment of expected.warningIncludes ?? []) expect(warnings).toContain(fragment);
    if (!expected.warningIncludes) expect(accumulator.warnings).toEqual([]);
  });
});
