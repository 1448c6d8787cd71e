import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { StreamAccumulator, type ChatMessage, type ChatRequest, type ResponseMessage } from '@refract/core';
import { sendJson, startFakeUpstream, writeSlowly, type FakeUpstream } from '@refract/test-support';
import { MODEL, testOptions } from './bedrock-test-kit';
import { createBedrockAdapter } from './index';
import { encodeBedrockEvent } from './event-stream';

const TOOLS: ChatRequest['tools'] = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  },
];
const FIRST: ChatMessage[] = [
  { role: 'system', content: 'You are a weather bot.' },
  { role: 'user', content: "What's the weather in Paris?" },
];
const TOOL_RESULT = '{"temp_c":21,"sky":"clear"}';
const ANSWER = 'It is 21°C and clear in Paris.';

/** Step 1 and step 2 as Converse JSON responses. */
const STEP_1 = {
  output: {
    message: {
      role: 'assistant',
      content: [{ text: 'Let me check.' }, { toolUse: { toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'get_weather', input: { city: 'Paris' } } }],
    },
  },
  stopReason: 'tool_use',
  usage: { inputTokens: 410, outputTokens: 55, totalTokens: 465 },
};
const STEP_2 = { output: { message: { role: 'assistant', content: [{ text: ANSWER }] } }, stopReason: 'end_turn', usage: { inputTokens: 490, outputTokens: 14, totalTokens: 504 } };

/** The same two steps as ConverseStream events. */
const STEP_1_EVENTS: [string, unknown][] = [
  ['messageStart', { role: 'assistant' }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Let me ' } }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'check.' } }],
  ['contentBlockStop', { contentBlockIndex: 0 }],
  ['contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'get_weather' } } }],
  ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } }],
  ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '"Paris"}' } } }],
  ['contentBlockStop', { contentBlockIndex: 1 }],
  ['messageStop', { stopReason: 'tool_use' }],
  ['metadata', { usage: { inputTokens: 410, outputTokens: 55, totalTokens: 465 }, metrics: { latencyMs: 800 } }],
];
const STEP_2_EVENTS: [string, unknown][] = [
  ['messageStart', { role: 'assistant' }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'It is 21°C' } }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' and clear in Paris.' } }],
  ['contentBlockStop', { contentBlockIndex: 0 }],
  ['messageStop', { stopReason: 'end_turn' }],
  ['metadata', { usage: { inputTokens: 490, outputTokens: 14, totalTokens: 504 }, metrics: { latencyMs: 300 } }],
];

/** The exact Converse bodies the adapter must send for step 1 and step 2. */
const COMMON = {
  system: [{ text: 'You are a weather bot.' }],
  inferenceConfig: { maxTokens: 300, temperature: 0 },
  toolConfig: {
    tools: [{ toolSpec: { name: 'get_weather', description: 'Current weather', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } } }],
    toolChoice: { auto: {} },
  },
};
const BODY_1 = { messages: [{ role: 'user', content: [{ text: "What's the weather in Paris?" }] }], ...COMMON };
const BODY_2 = {
  messages: [
    { role: 'user', content: [{ text: "What's the weather in Paris?" }] },
    { role: 'assistant', content: [{ text: 'Let me check.' }, { toolUse: { toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: 'get_weather', input: { city: 'Paris' } } }] },
    { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', content: [{ json: { temp_c: 21, sky: 'clear' } }] } }] },
  ],
  ...COMMON,
};

let upstream: FakeUpstream;
let agent: Agent;
beforeAll(async () => {
  upstream = await startFakeUpstream((_request, response) => {
    response.end();
  });
  agent = new Agent();
});
afterAll(async () => {
  await agent.close();
  await upstream.close();
});

const request = (messages: ChatMessage[]): ChatRequest => ({ model: MODEL, messages, tools: TOOLS, tool_choice: 'auto', max_tokens: 300, temperature: 0 });

/** The assistant message a client sends back, built from the response message. */
function asHistory(message: ResponseMessage): ChatMessage {
  return { role: 'assistant', content: message.content, ...(message.tool_calls ? { tool_calls: message.tool_calls } : {}) };
}

describe('two-step tool conversation', () => {
  it('round-trips over Converse (JSON), sending exactly the expected bodies', async () => {
    const replies = [STEP_1, STEP_2];
    upstream.setHandler((_request, response) => sendJson(response, 200, replies.shift()));
    const before = upstream.requests.length;
    const adapter = createBedrockAdapter(testOptions({ endpoint: upstream.url, dispatcher: agent }));

    const first = await adapter.chat(request(FIRST));
    const message = first.response.choices[0]?.message as ResponseMessage;
    expect(message.tool_calls).toEqual([{ id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
    expect(first.response.choices[0]?.finish_reason).toBe('tool_calls');

    const second = await adapter.chat(request([...FIRST, asHistory(message), { role: 'tool', tool_call_id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', content: TOOL_RESULT }]));
    expect(second.response.choices[0]?.message.content).toBe(ANSWER);
    expect(second.response.choices[0]?.finish_reason).toBe('stop');
    expect(second.response.usage).toEqual({ prompt_tokens: 490, completion_tokens: 14, total_tokens: 504 });

    const sent = upstream.requests.slice(before);
    expect(sent.map((entry) => entry.url)).toEqual([
      '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse',
      '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse',
    ]);
    expect(sent.map((entry) => entry.json)).toEqual([BODY_1, BODY_2]);
  });

  it('round-trips over ConverseStream, sending the same bodies', async () => {
    const replies = [STEP_1_EVENTS, STEP_2_EVENTS];
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      const events = replies.shift() ?? [];
      await writeSlowly(response, events.map(([type, payload]) => encodeBedrockEvent(type, payload)), { splitEvery: 3 });
      response.end();
    });
    const before = upstream.requests.length;
    const adapter = createBedrockAdapter(testOptions({ endpoint: upstream.url, dispatcher: agent }));

    const firstParts = new StreamAccumulator();
    for await (const part of adapter.stream(request(FIRST))) firstParts.add(part);
    const first = firstParts.toCompletion({ id: 'a', model: MODEL, created: 0 });
    const message = first.choices[0]?.message as ResponseMessage;
    expect(message.content).toBe('Let me check.');
    expect(message.tool_calls).toEqual([{ id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(first.usage).toEqual({ prompt_tokens: 410, completion_tokens: 55, total_tokens: 465 });

    const secondParts = new StreamAccumulator();
    for await (const part of adapter.stream(request([...FIRST, asHistory(message), { role: 'tool', tool_call_id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', content: TOOL_RESULT }]))) {
      secondParts.add(part);
    }
    const second = secondParts.toCompletion({ id: 'b', model: MODEL, created: 0 });
    expect(second.choices[0]?.message.content).toBe(ANSWER);
    expect(second.choices[0]?.finish_reason).toBe('stop');

    const sent = upstream.requests.slice(before);
    expect(sent.map((entry) => entry.url)).toEqual([
      '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream',
      '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream',
    ]);
    expect(sent.map((entry) => entry.json)).toEqual([BODY_1, BODY_2]);
  });
});
