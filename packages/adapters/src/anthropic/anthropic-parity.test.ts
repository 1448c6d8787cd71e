import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectStream, parseChatRequest, type ChatCompletion } from '@refract/core';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import type { AnthropicMessage } from './anthropic-api-types';
import { eventsToSse, messageToSseEvents } from './testing/message-to-sse';
import { anthropicFixture, mockAnthropic, simpleRequest, type AnthropicMock } from './testing/mock-anthropic';

/**
 * Stream/non-stream parity: the same exchange, answered once as JSON and once as the SSE stream
 * Anthropic would send for it, gives the same content, tool calls, reasoning, finish reason and
 * usage (chat() vs collectStream(stream())). Every recorded JSON body is used as an exchange.
 */

const jsonFixtures = readdirSync(join(PROVIDER_FIXTURES(), 'vercel-ai', 'anthropic')).filter((file) => file.endsWith('.json')).sort();

let mock: AnthropicMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

function essentials(completion: ChatCompletion) {
  const choice = completion.choices[0];
  return {
    content: choice?.message.content,
    reasoning: choice?.message.reasoning_content,
    toolCalls: (choice?.message.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, arguments: JSON.parse(call.function.arguments) as unknown })),
    finishReason: choice?.finish_reason,
    usage: completion.usage,
  };
}

async function both(message: AnthropicMessage, request = simpleRequest()) {
  mock = mockAnthropic();
  mock.reply({ body: JSON.stringify(message) });
  mock.reply({ body: eventsToSse(messageToSseEvents(message)) });
  const json = await mock.adapter.chat(request);
  const streamed = await collectStream(mock.adapter.stream(request));
  expect(streamed.error).toBeUndefined();
  const completion = streamed.toCompletion({ id: 'x', model: 'm', created: 0 });
  return { json, streamed, completion };
}

describe('stream/non-stream parity', () => {
  it.each(jsonFixtures)('%s', async (file) => {
    const message = JSON.parse(anthropicFixture(file)) as AnthropicMessage;
    const { json, streamed, completion } = await both(message);
    expect(essentials(completion)).toEqual(essentials(json.response));
    expect(streamed.id).toBe(json.response.id);
    expect(new Set(streamed.warnings.map((warning) => warning.message))).toEqual(new Set(json.warnings.map((warning) => warning.message)));
  });

  it('JSON-schema answers through the forced tool on an older model', async () => {
    const message = JSON.parse(anthropicFixture('anthropic-json-tool.1.json')) as AnthropicMessage;
    const request = parseChatRequest({
      model: 'claude-3-5-haiku-20241022',
      max_tokens: 500,
      messages: [{ role: 'user', content: 'Weather as JSON' }],
      response_format: { type: 'json_schema', json_schema: { name: 'json', schema: { type: 'object', properties: { elements: { type: 'array' } } } } },
    });
    const { json, completion } = await both(message, request);
    expect(essentials(completion)).toEqual(essentials(json.response));
    expect(json.response.choices[0]?.finish_reason).toBe('stop');
    expect(JSON.parse(json.response.choices[0]?.message.content ?? '')).toEqual(message.content?.[0]?.input);
    expect(mock?.sent[0]).toMatchObject({ tool_choice: { type: 'tool', name: 'json' } });
  });

  it('a truncated answer with cache writes and reasoning tokens', async () => {
    const message: AnthropicMessage = {
      id: 'msg_len',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-6',
      content: [
        { type: 'thinking', thinking: 'Plan: count to ten. ✓', signature: 'sig' },
        { type: 'text', text: 'One, two, thrée — 🚀 four' },
      ],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 11, cache_creation_input_tokens: 2048, cache_read_input_tokens: 0, output_tokens: 64, output_tokens_details: { thinking_tokens: 20 } },
    };
    const { json, completion } = await both(message);
    expect(essentials(completion)).toEqual(essentials(json.response));
    expect(json.response.usage).toEqual({
      prompt_tokens: 2059,
      completion_tokens: 64,
      total_tokens: 2123,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 2048 },
      completion_tokens_details: { reasoning_tokens: 20 },
    });
    expect(json.response.choices[0]?.finish_reason).toBe('length');
  });
});
