import { afterEach, describe, expect, it } from 'vitest';
import { collectStream, parseChatRequest, type ChatMessage, type ChatRequest, type ResponseMessage } from '@refract/core';
import { startFakeUpstream, sendJson, type FakeUpstream } from '@refract/test-support';
import type { AnthropicMessage } from './anthropic-api-types';
import { createAnthropicAdapter } from './index';
import { eventsToSse, messageToSseEvents } from './testing/message-to-sse';

/**
 * A two-step tool conversation (request with tools → tool call → tool result → final answer) over
 * a real socket, in JSON and in streams, asserting the exact bodies the adapter sent upstream.
 */

const MODEL = 'claude-sonnet-4-5-20250929';
const TOOLS = [
  {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];
const INPUT_SCHEMA = TOOLS[0]?.function.parameters;

const TOOL_TURN: AnthropicMessage = {
  id: 'msg_step1',
  type: 'message',
  role: 'assistant',
  model: MODEL,
  content: [
    { type: 'text', text: 'Let me check.' },
    { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 420, output_tokens: 55 },
};

const FINAL_TURN: AnthropicMessage = {
  id: 'msg_step2',
  type: 'message',
  role: 'assistant',
  model: MODEL,
  content: [{ type: 'text', text: 'It is 18°C and sunny in Paris.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 510, cache_read_input_tokens: 400, output_tokens: 14 },
};

let upstream: FakeUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function serveConversation(turns: AnthropicMessage[]) {
  upstream = await startFakeUpstream((request, response) => {
    const turn = turns[upstream ? upstream.requests.length - 1 : 0] as AnthropicMessage;
    if ((request.json as { stream?: boolean }).stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(eventsToSse(messageToSseEvents(turn, 4)));
    } else {
      sendJson(response, 200, turn);
    }
  });
  return createAnthropicAdapter({ apiKey: 'k', baseURL: upstream.url });
}

const question: ChatMessage[] = [
  { role: 'system', content: 'You are a weather bot.' },
  { role: 'user', content: 'Weather in Paris?' },
];

function expectedFirstBody(stream: boolean) {
  return {
    model: MODEL,
    max_tokens: 400,
    system: [{ type: 'text', text: 'You are a weather bot.' }],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
    tools: [{ name: 'get_weather', description: 'Current weather for a city', input_schema: INPUT_SCHEMA }],
    tool_choice: { type: 'auto' },
    ...(stream ? { stream: true } : {}),
  };
}

function expectedSecondBody(stream: boolean) {
  const first = expectedFirstBody(stream);
  return {
    ...first,
    messages: [
      ...first.messages,
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: '{"temp_c":18,"sky":"sunny"}' }] },
    ],
  };
}

function nextRequest(assistant: ResponseMessage): ChatRequest {
  return parseChatRequest({
    model: MODEL,
    max_tokens: 400,
    tools: TOOLS,
    tool_choice: 'auto',
    messages: [...question, assistant, { role: 'tool', tool_call_id: 'toolu_01A', content: '{"temp_c":18,"sky":"sunny"}' }],
  });
}

describe('two-step tool conversation', () => {
  it('JSON: tool call out, tool result back, final answer', async () => {
    const adapter = await serveConversation([TOOL_TURN, FINAL_TURN]);
    const first = await adapter.chat(parseChatRequest({ model: MODEL, max_tokens: 400, tools: TOOLS, tool_choice: 'auto', messages: question }));
    expect(first.response.choices[0]?.finish_reason).toBe('tool_calls');
    const assistant = first.response.choices[0]?.message as ResponseMessage;
    expect(assistant.tool_calls).toEqual([{ id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);

    const second = await adapter.chat(nextRequest(assistant));
    expect(second.response.choices[0]?.message.content).toBe('It is 18°C and sunny in Paris.');
    expect(second.response.choices[0]?.finish_reason).toBe('stop');
    expect(second.response.usage).toEqual({ prompt_tokens: 910, completion_tokens: 14, total_tokens: 924, prompt_tokens_details: { cached_tokens: 400 } });
    expect(upstream?.requests.map((request) => request.json)).toEqual([expectedFirstBody(false), expectedSecondBody(false)]);
    expect([...first.warnings, ...second.warnings]).toEqual([]);
  });

  it('stream: the accumulated tool call goes back as the same tool_use, the answer streams', async () => {
    const adapter = await serveConversation([TOOL_TURN, FINAL_TURN]);
    const first = await collectStream(adapter.stream(parseChatRequest({ model: MODEL, max_tokens: 400, tools: TOOLS, tool_choice: 'auto', messages: question })));
    const firstCompletion = first.toCompletion({ id: 'x', model: MODEL, created: 0 });
    expect(firstCompletion.choices[0]?.finish_reason).toBe('tool_calls');
    const assistant = firstCompletion.choices[0]?.message as ResponseMessage;

    const second = await collectStream(adapter.stream(nextRequest(assistant)));
    const secondCompletion = second.toCompletion({ id: 'x', model: MODEL, created: 0 });
    expect(secondCompletion.choices[0]?.message.content).toBe('It is 18°C and sunny in Paris.');
    expect(second.usage).toEqual({ inputTokens: 910, outputTokens: 14, cachedInputTokens: 400 });
    expect(upstream?.requests.map((request) => request.json)).toEqual([expectedFirstBody(true), expectedSecondBody(true)]);
  });

  it('JSON with thinking: the signed thinking block goes back first and thinking stays on', async () => {
    const thinkingTurn: AnthropicMessage = {
      ...TOOL_TURN,
      content: [{ type: 'thinking', thinking: 'Need the weather tool.', signature: 'EqQBCgIYAhIM' }, ...(TOOL_TURN.content ?? [])],
    };
    const adapter = await serveConversation([thinkingTurn, FINAL_TURN]);
    const request = (messages: unknown[]) =>
      parseChatRequest({ model: MODEL, max_tokens: 4000, reasoning_effort: 'low', tools: TOOLS, messages });
    const first = await adapter.chat(request(question));
    const assistant = first.response.choices[0]?.message as ResponseMessage;
    expect(assistant.reasoning_content).toBe('Need the weather tool.');

    const second = await adapter.chat(request([...question, assistant, { role: 'tool', tool_call_id: 'toolu_01A', content: 'sunny' }]));
    expect(second.warnings).toEqual([]);
    const sent = upstream?.requests[1]?.json as { thinking: unknown; messages: { content: unknown[] }[] };
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(sent.messages[1]?.content).toEqual([
      { type: 'thinking', thinking: 'Need the weather tool.', signature: 'EqQBCgIYAhIM' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
    ]);
  });
});
