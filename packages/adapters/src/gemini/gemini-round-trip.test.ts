import { collectStream, parseChatRequest, StreamChunkWriter, type ChatMessage, type ResponseMessage, type StreamPart } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GeminiResponse } from './gemini-api-types';
import { createGeminiAdapter } from './index';
import { readChunkLines, readJsonFixture, sseBody, TEST_API_KEY } from './test-fixtures';

const MODEL = 'gemini-3-pro-preview';
const system = { role: 'system', content: 'You are a weather bot.' } as const;
const question = { role: 'user', content: 'What is the weather in San Francisco?' } as const;
const tools = [
  {
    type: 'function',
    function: {
      name: 'weather',
      description: 'Current weather for a location',
      parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    },
  },
];
const answer = {
  candidates: [{ content: { role: 'model', parts: [{ text: 'It is 18°C and foggy in San Francisco.' }] }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 61, candidatesTokenCount: 11, totalTokenCount: 72 },
  modelVersion: MODEL,
  responseId: 'final-answer',
};

/** What the adapter must send on the first step: system → systemInstruction, tools → functionDeclarations. */
const expectedFirstBody = {
  systemInstruction: { parts: [{ text: 'You are a weather bot.' }] },
  contents: [{ role: 'user', parts: [{ text: 'What is the weather in San Francisco?' }] }],
  tools: [
    {
      functionDeclarations: [
        { name: 'weather', description: 'Current weather for a location', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } },
      ],
    },
  ],
  toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
};

/** The second step: the model's call comes back with its exact signature, the result as a functionResponse. */
function expectedSecondBody(signature: string): unknown {
  return {
    ...expectedFirstBody,
    contents: [
      { role: 'user', parts: [{ text: 'What is the weather in San Francisco?' }] },
      { role: 'model', parts: [{ functionCall: { name: 'weather', args: { location: 'San Francisco' } }, thoughtSignature: signature }] },
      { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temperature: 18, sky: 'fog' } } }] },
    ],
  };
}

let upstream: FakeUpstream;
beforeEach(async () => {
  upstream = await startFakeUpstream((_request, response) => sendJson(response, 500, {}));
});
afterEach(async () => {
  await upstream.close();
});

const adapter = () => createGeminiAdapter({ apiKey: TEST_API_KEY, baseURL: `${upstream.url}/v1beta` });

function secondRequest(assistant: ResponseMessage): ReturnType<typeof parseChatRequest> {
  const callId = assistant.tool_calls?.[0]?.id ?? '';
  return parseChatRequest({
    model: MODEL,
    messages: [system, question, assistant as ChatMessage, { role: 'tool', tool_call_id: callId, content: '{"temperature":18,"sky":"fog"}' }],
    tools,
    tool_choice: 'auto',
  });
}

describe('two-step tool conversation through the Gemini adapter', () => {
  it('JSON: request with tools → function call → tool result → final answer, with the exact bodies sent', async () => {
    const toolCall = readJsonFixture('google-tool-call-gemini3.json');
    const signature = toolCall.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature ?? '';
    let step = 0;
    upstream.setHandler((_request, response) => sendJson(response, 200, step++ === 0 ? toolCall : answer));
    const gemini = adapter();

    const first = await gemini.chat(parseChatRequest({ model: MODEL, messages: [system, question], tools, tool_choice: 'auto' }));
    expect(upstream.requests[0]?.url).toBe(`/v1beta/models/${MODEL}:generateContent`);
    expect(upstream.requests[0]?.json).toEqual(expectedFirstBody);
    const assistant = first.response.choices[0]?.message as ResponseMessage;
    expect(first.response.choices[0]?.finish_reason).toBe('tool_calls');

    // The client sends the assistant message back verbatim (through JSON, as over HTTP).
    const second = await gemini.chat(secondRequest(JSON.parse(JSON.stringify(assistant)) as ResponseMessage));
    expect(upstream.requests[1]?.json).toEqual(expectedSecondBody(signature));
    expect(second.warnings).toEqual([]);
    expect(second.response.choices[0]?.message.content).toBe('It is 18°C and foggy in San Francisco.');
    expect(second.response.choices[0]?.finish_reason).toBe('stop');
    expect(second.response.usage).toEqual({ prompt_tokens: 61, completion_tokens: 11, total_tokens: 72 });
  });

  it('stream: the same conversation streamed; the signature survives the OpenAI chunk wire format', async () => {
    const toolCallLines = readChunkLines('google-tool-call-gemini3.chunks.txt');
    const signature = (JSON.parse(toolCallLines[0] ?? '{}') as GeminiResponse).candidates?.[0]?.content?.parts?.[0]?.thoughtSignature;
    let step = 0;
    upstream.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(sseBody(step++ === 0 ? toolCallLines : [JSON.stringify(answer)]));
    });
    const gemini = adapter();

    const parts: StreamPart[] = [];
    for await (const part of gemini.stream(parseChatRequest({ model: MODEL, messages: [system, question], tools, tool_choice: 'auto', stream: true }))) parts.push(part);
    expect(upstream.requests[0]?.url).toBe(`/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
    expect(upstream.requests[0]?.json).toEqual(expectedFirstBody);

    // A client reading OpenAI chunks merges the tool-call deltas, keeping every field it is given.
    const writer = new StreamChunkWriter({ id: 'chatcmpl-1', model: MODEL, created: 1 });
    const call: Record<string, unknown> & { function: { name: string; arguments: string } } = { function: { name: '', arguments: '' } };
    for (const chunk of JSON.parse(JSON.stringify(parts.flatMap((part) => writer.write(part)))) as ReturnType<StreamChunkWriter['write']>) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const { function: functionDelta, index: _index, ...rest } = delta;
        Object.assign(call, rest);
        call.function.name += functionDelta?.name ?? '';
        call.function.arguments += functionDelta?.arguments ?? '';
      }
    }
    const assistant = { role: 'assistant', content: null, tool_calls: [call] } as unknown as ResponseMessage;

    const second = await collectStream(gemini.stream(secondRequest(assistant)));
    expect(upstream.requests[1]?.json).toEqual(expectedSecondBody(signature ?? 'missing'));
    const completion = second.toCompletion({ id: 'x', model: MODEL, created: 1 });
    expect(second.warnings).toEqual([]);
    expect(completion.choices[0]?.message.content).toBe('It is 18°C and foggy in San Francisco.');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({ prompt_tokens: 61, completion_tokens: 11, total_tokens: 72 });
  });
});
