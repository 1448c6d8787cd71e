import { collectStream, parseChatRequest, type ChatCompletion } from '@refract/core';
import { describe, expect, it } from 'vitest';
import type { GeminiResponse } from './gemini-api-types';
import { createGeminiAdapter } from './index';
import { responseFromStream, streamFromResponse } from './parity-fixtures';
import { listGoogleFixtures, mockGemini, readChunkLines, readJsonFixture, sseBody, TEST_API_KEY } from './test-fixtures';

const MODEL = 'gemini-3-pro-preview';
const request = parseChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'go' }] });

/** What must agree between a response and its streamed twin (tool call ids are generated, so left out). */
function essentials(completion: ChatCompletion): unknown {
  return completion.choices.map((choice) => ({
    content: choice.message.content,
    reasoning: choice.message.reasoning_content ?? null,
    toolCalls: (choice.message.tool_calls ?? []).map((call) => ({
      name: call.function.name,
      arguments: JSON.parse(call.function.arguments) as unknown,
      extra: (call as Record<string, unknown>)['extra_content'] ?? null,
    })),
    finish: choice.finish_reason,
    usage: completion.usage,
  }));
}

async function both(json: GeminiResponse, lines: string[]): Promise<{ chat: unknown; stream: unknown }> {
  const { agent, reply } = mockGemini();
  reply(`/v1beta/models/${MODEL}:generateContent`, 200, JSON.stringify(json));
  reply(`/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, 200, sseBody(lines), 'text/event-stream');
  const adapter = createGeminiAdapter({ apiKey: TEST_API_KEY, dispatcher: agent });
  const chat = await adapter.chat(request);
  const streamed = await collectStream(adapter.stream(request));
  expect(streamed.error).toBeUndefined();
  return { chat: essentials(chat.response), stream: essentials(streamed.toCompletion({ id: 'x', model: MODEL, created: 1 })) };
}

const jsonFixtures = listGoogleFixtures().filter((name) => name.endsWith('.json') && !name.includes('429'));
const chunkFixtures = listGoogleFixtures().filter((name) => name.endsWith('.chunks.txt'));

describe('stream / non-stream parity (collectStream vs chat)', () => {
  it.each(jsonFixtures)('%s and the same response streamed agree on content, tool calls, finish reason and usage', async (name) => {
    const json = readJsonFixture(name);
    const { chat, stream } = await both(json, streamFromResponse(json));
    expect(stream).toEqual(chat);
  });

  it.each(chunkFixtures)('%s and the same stream as one JSON response agree', async (name) => {
    const lines = readChunkLines(name);
    const { chat, stream } = await both(responseFromStream(lines), lines);
    expect(stream).toEqual(chat);
  });

  it('covers every replayable fixture', () => {
    expect(jsonFixtures.length + chunkFixtures.length).toBe(listGoogleFixtures().length - 1);
  });
});
