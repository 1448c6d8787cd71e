import { afterEach, describe, expect, it } from 'vitest';
import { StreamAccumulator, StreamChunkWriter, type ChatCompletion, type ChatRequest, type StreamPart } from '@refract/core';
import { createBedrockAdapter } from './index';
import {
  EVENT_STREAM_HEADERS,
  JSON_HEADERS,
  MODEL,
  MODEL_PATH,
  fixtureFiles,
  frameEvents,
  mockBedrock,
  readFixtureEvents,
  readFixtureJson,
  testOptions,
} from './bedrock-test-kit';

/** What each recorded payload must become (read off the fixture files by hand). */
interface Expected {
  text: string;
  reasoning?: string;
  tools: [id: string, name: string, args: string][];
  finish: string;
  usage?: [prompt: number, completion: number];
}

const STRAWBERRY_REASONING_STREAM = 'Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nr appears at positions 3, 8, and 9.\n\nSo there are 3 r\'s.';
const STRAWBERRY_ANSWER = 'There are **3** r\'s in "strawberry":\n\n1. st**r**awbe**r****r**y';

const STREAMS: Record<string, Expected> = {
  'amazon-bedrock-json-only-text-first.1': { text: 'Here is your data:', tools: [['json-tool-1', 'json', '{"name":"John"}']], finish: 'tool_calls', usage: [100, 20] },
  'amazon-bedrock-json-other-tool.1': { text: '', tools: [['toolu_01PQjhxo3eirCdKNvCJrKc8f', 'get-weather', '{"location":"San Francisco"}']], finish: 'tool_calls', usage: [843, 28] },
  'amazon-bedrock-json-tool-text-then-weather-then-json.1': {
    text: '2 + 2 equals 4. Now let me check the weather for you.',
    tools: [
      ['weather-tool-1', 'weather', '{"location":"San Francisco"}'],
      ['weather-tool-2', 'weather', '{"location":"London"}'],
    ],
    finish: 'tool_calls',
    usage: [500, 100],
  },
  'amazon-bedrock-json-tool.1': { text: '', tools: [['json-tool-id', 'json', '{"value":"test"}']], finish: 'tool_calls' },
  'amazon-bedrock-json-tool.2': { text: 'Let me generate that JSON for you.', tools: [['json-tool-id', 'json', '{"value":"test"}']], finish: 'tool_calls' },
  'amazon-bedrock-json-tool.3': { text: 'First text block.Second text block.Third block.', tools: [['json-tool-id', 'json', '{"result":42}']], finish: 'tool_calls' },
  'amazon-bedrock-json-with-tool.1': {
    text: 'Calling a tool first.Now JSON.',
    tools: [
      ['tool-1', 'get-weather', '{"location":"SF"}'],
      ['json-tool-id', 'json', '{"result":"data"}'],
    ],
    finish: 'tool_calls',
  },
  'amazon-bedrock-json-with-tools.1': {
    text: 'Multiple tools.Final JSON.',
    tools: [
      ['tool-1', 'tool-a', '{"a":"1"}'],
      ['tool-2', 'tool-b', '{"b":"2"}'],
      ['json-tool-id', 'json', '{"final":"result"}'],
    ],
    finish: 'tool_calls',
  },
  'amazon-bedrock-reasoning': { text: STRAWBERRY_ANSWER, reasoning: STRAWBERRY_REASONING_STREAM, tools: [], finish: 'stop', usage: [51, 94] },
  'amazon-bedrock-text': {
    text: 'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** r\'s in "strawberry."',
    tools: [],
    finish: 'stop',
    usage: [22, 55],
  },
  'amazon-bedrock-tool-call.1': { text: '', tools: [['tool-use-id', 'test-tool', '{"value":"Sparkle Day"}']], finish: 'tool_calls', usage: [125, 45] },
  'amazon-bedrock-tool-no-args': { text: "I'll update the issue list for you.", tools: [['tool-use-id', 'updateIssueList', '{}']], finish: 'tool_calls', usage: [100, 25] },
};

const RESPONSES: Record<string, Expected> = {
  'amazon-bedrock-json-other-tool.1': { text: '', tools: [['toolu_01PQjhxo3eirCdKNvCJrKc8f', 'get-weather', '{"location":"San Francisco"}']], finish: 'tool_calls', usage: [843, 28] },
  'amazon-bedrock-json-tool-with-answer.1': { text: '2 + 2 equals 4.', tools: [['json-tool-id-123', 'json', '{"firstName":"John","lastName":"Doe"}']], finish: 'tool_calls', usage: [156, 35] },
  'amazon-bedrock-json-tool.1': {
    text: '',
    tools: [['json-tool-id', 'json', '{"elements":[{"location":"San Francisco","temperature":-5,"condition":"snowy"},{"location":"London","temperature":0,"condition":"snowy"}]}']],
    finish: 'tool_calls',
    usage: [15, 42],
  },
  'amazon-bedrock-json-tool.2': { text: 'Let me generate that JSON for you.', tools: [['json-tool-id', 'json', '{"value":"test data"}']], finish: 'tool_calls', usage: [12, 28] },
  'amazon-bedrock-json-tool.3': { text: 'First text block.Second text block.Third text block before JSON.', tools: [['json-tool-id', 'json', '{"result":42}']], finish: 'tool_calls', usage: [18, 35] },
  'amazon-bedrock-json-with-tool.1': {
    text: 'Let me call a tool first.Now the JSON.',
    tools: [
      ['tool-1', 'get-weather', '{"location":"SF"}'],
      ['json-tool-id', 'json', '{"result":"data"}'],
    ],
    finish: 'tool_calls',
    usage: [22, 48],
  },
  'amazon-bedrock-json-with-tools.1': {
    text: 'Calling multiple tools.Finally the JSON response.',
    tools: [
      ['tool-1', 'tool-a', '{"param":"a"}'],
      ['tool-2', 'tool-b', '{"param":"b"}'],
      ['json-tool-id', 'json', '{"final":"result"}'],
    ],
    finish: 'tool_calls',
    usage: [28, 62],
  },
  'amazon-bedrock-reasoning': {
    text: STRAWBERRY_ANSWER,
    reasoning: 'Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nThere are 3 r\'s.',
    tools: [],
    finish: 'stop',
    usage: [51, 78],
  },
  'amazon-bedrock-text': {
    text: 'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** "r"s in "strawberry."',
    tools: [],
    finish: 'stop',
    usage: [22, 57],
  },
  'amazon-bedrock-tool-call.1': { text: '', tools: [['tool-use-id', 'bash', '{"command":"ls -l"}']], finish: 'tool_calls', usage: [10, 20] },
  'amazon-bedrock-tool-no-args': { text: "I'll update the issue list for you.", tools: [['tool-use-id', 'updateIssueList', '{}']], finish: 'tool_calls', usage: [100, 25] },
};

const REQUEST: ChatRequest = { model: MODEL, messages: [{ role: 'user', content: 'Hello' }] };

function expectCompletion(completion: ChatCompletion, expected: Expected): void {
  const choice = completion.choices[0];
  expect(choice?.message.content ?? '').toBe(expected.text);
  expect(choice?.message.reasoning_content).toBe(expected.reasoning);
  expect((choice?.message.tool_calls ?? []).map((call) => [call.id, call.function.name, call.function.arguments])).toEqual(expected.tools);
  for (const call of choice?.message.tool_calls ?? []) expect(() => JSON.parse(call.function.arguments)).not.toThrow();
  expect(choice?.finish_reason).toBe(expected.finish);
  if (expected.usage) {
    expect(completion.usage).toEqual({ prompt_tokens: expected.usage[0], completion_tokens: expected.usage[1], total_tokens: expected.usage[0] + expected.usage[1] });
  } else {
    expect(completion.usage).toBeUndefined();
  }
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('recorded Bedrock fixtures', () => {
  it('covers every recorded Bedrock payload', () => {
    const files = fixtureFiles();
    expect(Object.keys(STREAMS).sort()).toEqual(files.chunks);
    expect(Object.keys(RESPONSES).sort()).toEqual(files.json);
  });

  it.each(Object.entries(STREAMS))('ConverseStream %s, framed as an event stream, replays to its canonical output', async (stem, expected) => {
    const mock = mockBedrock();
    close = () => mock.agent.close();
    mock.reply('converse-stream', 200, frameEvents(readFixtureEvents(stem)), EVENT_STREAM_HEADERS);
    const adapter = createBedrockAdapter(testOptions({ dispatcher: mock.agent }));
    const parts: StreamPart[] = [];
    for await (const part of adapter.stream(REQUEST)) parts.push(part);
    expect(parts[0]).toMatchObject({ type: 'stream-start', id: 'chatcmpl-req-stream-1', model: MODEL, warnings: [] });
    expect(parts.filter((part) => part.type === 'error')).toEqual([]);
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
    const accumulator = new StreamAccumulator();
    for (const part of parts) accumulator.add(part);
    expectCompletion(accumulator.toCompletion({ id: 'x', model: MODEL, created: 0 }), expected);
    expect(mock.calls[0]?.path).toBe(`${MODEL_PATH}/converse-stream`);
  });

  it.each(Object.entries(RESPONSES))('Converse %s replays to its canonical output', async (stem, expected) => {
    const mock = mockBedrock();
    close = () => mock.agent.close();
    mock.reply('converse', 200, JSON.stringify(readFixtureJson(stem)), JSON_HEADERS);
    const adapter = createBedrockAdapter(testOptions({ dispatcher: mock.agent }));
    const { response, warnings } = await adapter.chat(REQUEST);
    expect(warnings).toEqual([]);
    expect(response).toMatchObject({ id: 'chatcmpl-req-json-1', object: 'chat.completion', model: MODEL });
    expectCompletion(response, expected);
    expect(mock.calls[0]?.path).toBe(`${MODEL_PATH}/converse`);
  });

  it('turns a recorded tool-call stream into exactly the OpenAI chunks OpenAI would send', async () => {
    const mock = mockBedrock();
    close = () => mock.agent.close();
    mock.reply('converse-stream', 200, frameEvents(readFixtureEvents('amazon-bedrock-tool-call.1')), EVENT_STREAM_HEADERS);
    const adapter = createBedrockAdapter(testOptions({ dispatcher: mock.agent }));
    const writer = new StreamChunkWriter({ id: 'chatcmpl-1', model: MODEL, created: 1, includeUsage: true });
    const chunks = [];
    for await (const part of adapter.stream(REQUEST)) chunks.push(...writer.write(part));
    chunks.push(...writer.end());
    await expect(JSON.stringify(chunks, null, 2)).toMatchFileSnapshot('__snapshots__/tool-call-stream.openai-chunks.json');
  });
});
