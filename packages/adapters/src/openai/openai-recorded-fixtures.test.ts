import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { collectStream, isProviderError, type ChatCompletion, type ChatRequest, type StreamPart, type Usage } from '@refract/core';
import { fixturePath, readChunkLines, readJsonFixture, toSse } from '../shared/testing/provider-fixtures';
import { collectParts, offlineMockAgent } from '../shared/testing/stream-test-helpers';
import { createOpenAIAdapter } from './openai-adapter';

/**
 * Every recorded Chat Completions payload of OpenAI and the OpenAI-compatible providers in
 * ../shared/fixtures/providers/vercel-ai, replayed through the adapter with undici's MockAgent.
 * Skipped (not Chat Completions): openai/openai-error.1.chunks.txt's Responses-API events other
 * than its `error` event, which is asserted below.
 */

const ORIGIN = 'https://llm.example.test';
const request: ChatRequest = { model: 'test-model', messages: [{ role: 'user', content: 'Hello' }] };

let agent: MockAgent;
beforeEach(() => {
  agent = offlineMockAgent();
});
afterEach(async () => {
  await agent.close();
});

function adapter() {
  return createOpenAIAdapter({ baseURL: `${ORIGIN}/v1`, apiKey: 'test-key', dispatcher: agent });
}

function replyOnce(status: number, body: string, headers: Record<string, string>): void {
  agent.get(ORIGIN).intercept({ path: '/v1/chat/completions', method: 'POST' }).reply(status, body, { headers });
}

async function replayStream(sse: string): Promise<StreamPart[]> {
  replyOnce(200, sse, { 'content-type': 'text/event-stream' });
  return collectParts(adapter().stream(request));
}

async function replayJson(file: string): Promise<ChatCompletion> {
  replyOnce(200, readFileSync(fixturePath('vercel-ai', file), 'utf8'), { 'content-type': 'application/json' });
  return (await adapter().chat(request)).response;
}

/** An independent oracle: the plain concatenation of `delta.content` strings. */
function naiveText(payloads: unknown[]): string {
  return payloads
    .flatMap((payload) => (payload as { choices?: { delta?: { content?: unknown } }[] }).choices ?? [])
    .map((choice) => (typeof choice.delta?.content === 'string' ? choice.delta.content : ''))
    .join('');
}

/** Long strings shortened so snapshots stay readable; exact text is asserted separately. */
function digest(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'string' && item.length > 120 ? `${item.slice(0, 60)}…${item.slice(-20)} (${item.length} chars)` : item,
    ),
  );
}

interface StreamExpectation {
  file: string;
  textStart: string;
  reasoningStart?: string;
  toolCall?: { index: number; id: string; name: string; arguments: string };
  finish: 'stop' | 'length' | 'tool_calls';
  usage: Usage | undefined;
}

const streams: StreamExpectation[] = [
  { file: 'openai/openai-text.chunks.txt', textStart: '**Holiday Name:** Harmony Day', finish: 'stop', usage: { inputTokens: 16, outputTokens: 300 } },
  { file: 'openai/azure-model-router.1.chunks.txt', textStart: 'Capital of Denmark.', finish: 'stop', usage: { inputTokens: 15, outputTokens: 78, reasoningTokens: 64 } },
  { file: 'deepseek/deepseek-text.chunks.txt', textStart: '## **Holiday Name:** Starlight', finish: 'length', usage: { inputTokens: 13, outputTokens: 400 } },
  { file: 'deepseek/deepseek-reasoning.chunks.txt', textStart: 'The word "strawberry" contains three', reasoningStart: 'We need to count', finish: 'stop', usage: { inputTokens: 18, outputTokens: 219, reasoningTokens: 205 } },
  {
    file: 'deepseek/deepseek-tool-call.chunks.txt',
    textStart: '',
    reasoningStart: 'The user is asking for the wea',
    toolCall: { index: 0, id: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF', name: 'weather', arguments: '{"location": "San Francisco"}' },
    finish: 'tool_calls',
    usage: { inputTokens: 339, outputTokens: 83, cachedInputTokens: 320, reasoningTokens: 39 },
  },
  { file: 'groq/groq-text.chunks.txt', textStart: 'Introducing "Luminaria"', finish: 'stop', usage: { inputTokens: 45, outputTokens: 662 } },
  { file: 'groq/groq-reasoning.chunks.txt', textStart: 'The word **"strawberry"**', reasoningStart: 'Okay, let me try', finish: 'stop', usage: { inputTokens: 17, outputTokens: 1107, reasoningTokens: 963 } },
  { file: 'groq/groq-tool-call.chunks.txt', textStart: '', toolCall: { index: 0, id: 'tk85n1k4m', name: 'weather', arguments: '{}' }, finish: 'tool_calls', usage: { inputTokens: 210, outputTokens: 15 } },
  { file: 'mistral/mistral-text.chunks.txt', textStart: 'Hello, world! This is a test response.', finish: 'stop', usage: { inputTokens: 13, outputTokens: 8 } },
  { file: 'mistral/mistral-reasoning.chunks.txt', textStart: '2 + 2 = 4', reasoningStart: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.', finish: 'stop', usage: { inputTokens: 10, outputTokens: 46 } },
  { file: 'mistral/mistral-tool-call.chunks.txt', textStart: '', toolCall: { index: 0, id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' }, finish: 'tool_calls', usage: { inputTokens: 124, outputTokens: 22 } },
  {
    file: 'mistral/mistral-incremental-tool-call.chunks.txt',
    textStart: '',
    toolCall: { index: 0, id: 'chatcmpl-tool-9f149c74c42f265b', name: 'webSearchTool', arguments: '{"query": "current Berlin weather"}' },
    finish: 'tool_calls',
    usage: { inputTokens: 171, outputTokens: 14, cachedInputTokens: 128 },
  },
  // xAI counts reasoning outside completion_tokens (total = prompt + completion + reasoning): output includes it here.
  { file: 'xai/xai-text.chunks.txt', textStart: 'Hello', reasoningStart: 'First, the user said', finish: 'stop', usage: { inputTokens: 12, outputTokens: 291, cachedInputTokens: 11, reasoningTokens: 290 } },
  {
    file: 'xai/xai-tool-call.chunks.txt',
    textStart: '',
    reasoningStart: 'First, the user is',
    toolCall: { index: 0, id: 'call_55117580', name: 'weather', arguments: '{"location":"San Francisco"}' },
    finish: 'tool_calls',
    usage: { inputTokens: 291, outputTokens: 222, cachedInputTokens: 290, reasoningTokens: 196 },
  },
  { file: 'openai-compatible/xai-text.chunks.txt', textStart: 'Grok', reasoningStart: 'First, the user said', finish: 'stop', usage: { inputTokens: 12, outputTokens: 342, cachedInputTokens: 11, reasoningTokens: 340 } },
  {
    file: 'openai-compatible/xai-tool-call.chunks.txt',
    textStart: '',
    reasoningStart: 'First, the user is asking',
    toolCall: { index: 0, id: 'call_79382389', name: 'weather', arguments: '{"location":"San Francisco"}' },
    finish: 'tool_calls',
    usage: { inputTokens: 307, outputTokens: 253, cachedInputTokens: 306, reasoningTokens: 227 },
  },
];

describe('recorded Chat Completions streams (vercel-ai fixtures)', () => {
  it.each(streams)('$file', async (expected) => {
    const payloads = readChunkLines('vercel-ai', expected.file);
    const parts = await replayStream(toSse(payloads));
    expect(parts[0]?.type).toBe('stream-start');
    expect(parts.filter((part) => part.type === 'error')).toEqual([]);
    const result = await collectStream(parts.values() as unknown as AsyncIterable<StreamPart>);
    const completion = result.toCompletion({ id: 'fallback', model: 'fallback', created: 0 });
    const message = completion.choices[0]?.message;
    const text = message?.content ?? '';
    expect(text.startsWith(expected.textStart)).toBe(true);
    if (!expected.file.startsWith('mistral/mistral-reasoning')) expect(text).toBe(naiveText(payloads));
    if (expected.reasoningStart) expect(message?.reasoning_content?.startsWith(expected.reasoningStart)).toBe(true);
    else expect(message?.reasoning_content).toBeUndefined();
    if (expected.toolCall) {
      expect(message?.tool_calls).toEqual([
        { id: expected.toolCall.id, type: 'function', function: { name: expected.toolCall.name, arguments: expected.toolCall.arguments } },
      ]);
      expect(parts.find((part) => part.type === 'tool-call-start')).toMatchObject({ index: expected.toolCall.index, id: expected.toolCall.id });
    } else {
      expect(message?.tool_calls).toBeUndefined();
    }
    expect(completion.choices[0]?.finish_reason).toBe(expected.finish);
    expect(result.usage).toEqual(expected.usage);
    expect(completion.id).toBe((payloads as { id?: string }[]).map((payload) => payload.id).find((id) => id));
    expect(digest({ completion, warnings: result.warnings })).toMatchSnapshot();
  });

  it('openai-compatible/anthropic-fallback-tool-call.sse (raw SSE; tool call at index 1, no usage)', async () => {
    const parts = await replayStream(readFileSync(fixturePath('vercel-ai', 'openai-compatible', 'anthropic-fallback-tool-call.sse'), 'utf8'));
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'text-delta',
      'text-delta',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'finish',
    ]);
    expect(parts[3]).toEqual({ type: 'tool-call-start', index: 1, id: 'toolu_sanitized', name: 'read_file' });
    const completion = (await collectStream(parts.values() as unknown as AsyncIterable<StreamPart>)).toCompletion({ id: 'x', model: 'x', created: 0 });
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Reading it.',
      tool_calls: [{ id: 'toolu_sanitized', type: 'function', function: { name: 'read_file', arguments: '{"path": "a.txt"}' } }],
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('Azure content-filter preamble (azure-model-router): no id-less stream-start, no usage from the preamble', async () => {
    const parts = await replayStream(toSse(readChunkLines('vercel-ai', 'openai', 'azure-model-router.1.chunks.txt')));
    expect(parts[0]).toEqual({ type: 'stream-start', id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt', model: 'gpt-5-nano-2025-08-07', created: 1762317021 });
    expect(parts.filter((part) => part.type === 'usage')).toHaveLength(1);
    expect(parts.filter((part) => part.type === 'warning')).toEqual([]);
  });

  it('openai/openai-error.1.chunks.txt: the error event inside a 200 stream ends it with a rate_limit error that is not retryable', async () => {
    const parts = await replayStream(toSse(readChunkLines('vercel-ai', 'openai', 'openai-error.1.chunks.txt'), { done: false }));
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type !== 'error') return;
    expect(last.error.kind).toBe('rate_limit');
    expect(last.error.providerCode).toBe('insufficient_quota');
    expect(last.error.retryable).toBe(false);
    expect(last.error.message).toContain('You exceeded your current quota');
  });
});

interface JsonExpectation {
  file: string;
  content: string | null;
  reasoningStart?: string;
  toolCall?: { id: string; name: string; arguments: string };
  finish: 'stop' | 'length' | 'tool_calls';
  usage: Record<string, unknown>;
}

const bodies: JsonExpectation[] = [
  { file: 'openai/openai-text.json', content: '**Holiday Name:** Galaxy Day', finish: 'stop', usage: { prompt_tokens: 16, completion_tokens: 363, total_tokens: 379 } },
  { file: 'deepseek/deepseek-json.json', content: '', finish: 'stop', usage: { prompt_tokens: 495, completion_tokens: 144, prompt_tokens_details: { cached_tokens: 320 } } },
  { file: 'deepseek/deepseek-text.json', content: '', finish: 'length', usage: { prompt_tokens: 13, completion_tokens: 300 } },
  { file: 'deepseek/deepseek-reasoning.json', content: 'The word "strawberry" contains three', reasoningStart: 'We are asked', finish: 'stop', usage: { completion_tokens: 345 } },
  {
    file: 'deepseek/deepseek-tool-call.json',
    content: '',
    toolCall: { id: 'call_00_9V0vrf86Pc9aelHCJMZqnJBo', name: 'weather', arguments: '{"location": "San Francisco"}' },
    finish: 'tool_calls',
    usage: { prompt_tokens: 339, completion_tokens: 92, prompt_tokens_details: { cached_tokens: 320 } },
  },
  { file: 'groq/groq-text.json', content: '', finish: 'stop', usage: { prompt_tokens: 45, completion_tokens: 607, queue_time: 0.041876985 } },
  { file: 'groq/groq-reasoning.json', content: 'The word "strawberry" contains **3**', reasoningStart: 'Okay, so the user is asking', finish: 'stop', usage: { completion_tokens: 649, completion_tokens_details: { reasoning_tokens: 570 } } },
  { file: 'groq/groq-tool-call.json', content: null, toolCall: { id: 'ax9fskhev', name: 'weather', arguments: '{}' }, finish: 'tool_calls', usage: { prompt_tokens: 218, completion_tokens: 15 } },
  { file: 'mistral/mistral-text.json', content: '**Holiday Name: "World Kindness Day', finish: 'stop', usage: { prompt_tokens: 13, completion_tokens: 434, total_tokens: 447 } },
  { file: 'mistral/mistral-reasoning.json', content: '2 + 2 = 4', reasoningStart: 'The user is asking for 2+2.', finish: 'stop', usage: { prompt_tokens: 10, completion_tokens: 46 } },
  { file: 'mistral/mistral-tool-call.json', content: null, toolCall: { id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' }, finish: 'tool_calls', usage: { prompt_tokens: 124, completion_tokens: 22 } },
  { file: 'xai/xai-text.json', content: 'Hello', reasoningStart: 'First, the user said', finish: 'stop', usage: { prompt_tokens: 12, completion_tokens: 229, total_tokens: 241, cost_in_usd_ticks: 1176500 } },
  { file: 'xai/xai-tool-call.json', content: '', reasoningStart: 'First, the user is asking', toolCall: { id: 'call_93562515', name: 'weather', arguments: '{"location":"San Francisco"}' }, finish: 'tool_calls', usage: { completion_tokens: 215 } },
  { file: 'openai-compatible/xai-text.json', content: 'Grok', reasoningStart: 'First', finish: 'stop', usage: { prompt_tokens: 12, completion_tokens: 322 } },
  { file: 'openai-compatible/xai-tool-call.json', content: '', toolCall: { id: 'call_46427107', name: 'weather', arguments: '{"location":"San Francisco"}' }, finish: 'tool_calls', usage: { completion_tokens: 281, prompt_tokens_details: { cached_tokens: 244 } } },
];

describe('recorded Chat Completions bodies (vercel-ai fixtures)', () => {
  it.each(bodies)('$file', async (expected) => {
    const raw = readJsonFixture('vercel-ai', expected.file) as { id: string; model: string };
    const completion = await replayJson(expected.file);
    expect(completion.id).toBe(raw.id);
    expect(completion.model).toBe(raw.model);
    expect(completion.object).toBe('chat.completion');
    const choice = completion.choices[0];
    if (expected.content === null) expect(choice?.message.content).toBeNull();
    else expect(choice?.message.content?.startsWith(expected.content)).toBe(true);
    if (expected.reasoningStart) expect(choice?.message.reasoning_content?.startsWith(expected.reasoningStart)).toBe(true);
    expect(choice?.message).not.toHaveProperty('reasoning');
    if (expected.toolCall) {
      const calls = choice?.message.tool_calls?.map(({ id, type, function: { name, arguments: args } }) => ({ id, type, name, arguments: args }));
      expect(calls).toEqual([{ id: expected.toolCall.id, type: 'function', name: expected.toolCall.name, arguments: expected.toolCall.arguments }]);
    } else {
      expect(choice?.message.tool_calls).toBeUndefined();
    }
    expect(choice?.finish_reason).toBe(expected.finish);
    expect(completion.usage).toMatchObject(expected.usage);
    expect(completion.usage?.total_tokens).toBeGreaterThanOrEqual((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    expect(digest(completion)).toMatchSnapshot();
  });
});

describe('recorded error bodies', () => {
  it.each([
    ['openai/openai-error.1.json', 429, 'rate_limit', 'insufficient_quota', false],
    ['openai/reasoning-model-legacy-parameter-error.json', 400, 'bad_request', 'unsupported_parameter', false],
    ['openai/reasoning-model-temperature-error.json', 400, 'bad_request', 'invalid_request_error', false],
  ] as const)('%s → HTTP %i → %s', async (file, status, kind, code, retryable) => {
    replyOnce(status, readFileSync(fixturePath('vercel-ai', file), 'utf8'), { 'content-type': 'application/json', 'retry-after': '7' });
    const error = await adapter().chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(error)).toBe(true);
    if (!isProviderError(error)) return;
    expect(error.kind).toBe(kind);
    expect(error.providerStatus).toBe(status);
    expect(error.providerCode).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.retryAfterMs).toBe(7000);
    const body = readJsonFixture('vercel-ai', file) as { error: { message: string } };
    expect(error.message).toContain(body.error.message);
  });
});
