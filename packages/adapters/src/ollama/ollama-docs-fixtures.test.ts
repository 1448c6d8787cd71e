import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import { StreamAccumulator, isProviderError, type ChatRequest, type StreamPart } from '@refract/core';
import { generateExampleAsChatLines, ollamaDocExample, ollamaDocExamples, toNdjson } from '../shared/testing/ollama-fixtures';
import { readJsonFixture } from '../shared/testing/provider-fixtures';
import { collectParts, errorOf, offlineMockAgent } from '../shared/testing/stream-test-helpers';
import { createOllamaAdapter } from './ollama-adapter';

/**
 * Every example in ../shared/fixtures/providers/ollama-docs replayed with undici's MockAgent.
 * The docs show only the first and the final chunk of each stream; the streams below are those
 * two lines as Ollama sends them (fuller streams are built in the real-socket tests).
 */

const HOST = 'http://ollama.test:11434';
const request: ChatRequest = { model: 'llama3.2', messages: [{ role: 'user', content: 'Why is the sky blue?' }] };

let agent: MockAgent;
beforeEach(() => {
  agent = offlineMockAgent();
});
afterEach(() => agent.close());

const adapter = () => createOllamaAdapter({ host: HOST, dispatcher: agent });

function reply(status: number, body: string, contentType = 'application/json'): void {
  agent.get(HOST).intercept({ path: '/api/chat', method: 'POST' }).reply(status, body, { headers: { 'content-type': contentType } });
}

function accumulate(parts: StreamPart[]): StreamAccumulator {
  const accumulator = new StreamAccumulator();
  for (const part of parts) accumulator.add(part);
  return accumulator;
}

describe('non-streaming doc examples', () => {
  const responses = ollamaDocExamples().filter((entry) => entry.kind === 'response');

  it('covers all 9 documented responses', () => {
    expect(responses).toHaveLength(9);
  });

  it.each(responses)('$example', async ({ payload }) => {
    reply(200, JSON.stringify(payload));
    const { response } = await adapter().chat(request);
    const message = payload['message'] as { content: string; tool_calls?: { function: { name: string; arguments: unknown } }[] };
    const choice = response.choices[0];
    expect(response.model).toBe(payload['model']);
    expect(response.created).toBe(Math.floor(Date.parse(payload['created_at'] as string) / 1000));
    expect(response.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
    if (message.tool_calls) {
      expect(choice?.message.content).toBeNull();
      expect(choice?.message.tool_calls).toEqual(
        message.tool_calls.map((call, index) => ({
          id: `call_${response.id.slice('chatcmpl-'.length)}_${index}`,
          type: 'function',
          function: { name: call.function.name, arguments: JSON.stringify(call.function.arguments) },
        })),
      );
      expect(choice?.finish_reason).toBe('tool_calls');
    } else {
      expect(choice?.message.content).toBe(message.content);
      expect(choice?.finish_reason).toBe('stop');
    }
    const prompt = (payload['prompt_eval_count'] as number | undefined) ?? 0;
    const output = (payload['eval_count'] as number | undefined) ?? 0;
    expect(response.usage).toEqual({ prompt_tokens: prompt, completion_tokens: output, total_tokens: prompt + output });
  });

  it('keeps the documented tool call arguments exactly', async () => {
    reply(200, JSON.stringify(ollamaDocExample('Chat request (with tools)', 'response')));
    const { response } = await adapter().chat(request);
    expect(JSON.parse(response.choices[0]?.message.tool_calls?.[0]?.function.arguments ?? '')).toEqual({ format: 'celsius', location: 'Paris, FR' });
    expect(response.usage).toEqual({ prompt_tokens: 122, completion_tokens: 33, total_tokens: 155 });
  });

  it('errors-example-1.json as an HTTP 500 body → retryable server error with the message', async () => {
    reply(500, JSON.stringify(readJsonFixture('ollama-docs', 'errors-example-1.json')));
    const error = await adapter().chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(error) && [error.kind, error.retryable, error.providerStatus]).toEqual(['server', true, 500]);
    expect((error as Error).message).toContain('the model failed to generate a response');
  });
});

describe('streaming doc examples', () => {
  it.each(['Chat request (Streaming)', 'Chat request (With History)'])('%s: first + final chunk', async (example) => {
    const first = ollamaDocExample(example, 'stream_chunk');
    const final = ollamaDocExample(example, 'stream_final');
    reply(200, toNdjson([first, final]), 'application/x-ndjson');
    const parts = await collectParts(adapter().stream(request));
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'text-delta', 'usage', 'finish']);
    expect(parts[0]).toMatchObject({ type: 'stream-start', model: 'llama3.2', created: Math.floor(Date.parse(first['created_at'] as string) / 1000) });
    expect(parts[1]).toEqual({ type: 'text-delta', delta: 'The' });
    expect(parts[2]).toEqual({ type: 'usage', usage: { inputTokens: final['prompt_eval_count'], outputTokens: final['eval_count'] } });
    expect(parts[3]).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it('Chat request (Streaming with tools): the tool call gets an id, its arguments as JSON, finish tool_calls', async () => {
    reply(200, toNdjson([ollamaDocExample('Chat request (Streaming with tools)', 'stream_chunk'), ollamaDocExample('Chat request (Streaming with tools)', 'stream_final')]));
    const parts = await collectParts(adapter().stream(request));
    const start = parts.find((part) => part.type === 'tool-call-start');
    const id = parts[0]?.type === 'stream-start' ? parts[0].id : undefined;
    expect(start).toEqual({ type: 'tool-call-start', index: 0, id: `call_${id?.slice('chatcmpl-'.length)}_0`, name: 'get_weather' });
    expect(parts.find((part) => part.type === 'tool-call-delta')).toEqual({ type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Tokyo"}' });
    const result = accumulate(parts);
    expect(result.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]?.finish_reason).toBe('tool_calls');
    expect(result.usage).toEqual({ inputTokens: 169, outputTokens: 15 });
  });

  it('streaming-example-1.ndjson (as /api/chat lines): the whole text, finish stop', async () => {
    reply(200, toNdjson(generateExampleAsChatLines('streaming-example-1.ndjson')));
    const result = accumulate(await collectParts(adapter().stream(request)));
    expect(result.error).toBeUndefined();
    expect(result.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]).toMatchObject({ message: { content: "That's a fantastic question!" }, finish_reason: 'stop' });
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it('errors-example-2.ndjson (as /api/chat lines): the text so far, then the mid-stream error as a server error part', async () => {
    reply(200, toNdjson(generateExampleAsChatLines('errors-example-2.ndjson')));
    const parts = await collectParts(adapter().stream(request));
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => (part.type === 'text-delta' ? part.delta : ''))).toEqual([' Yes', '.', 'I', 'can']);
    const error = errorOf(parts);
    expect([error.kind, error.retryable]).toEqual(['server', true]);
    expect(error.message).toContain('an error was encountered while running the model');
  });

  it('streaming-example-2.json (as an /api/chat body): non-streaming text', async () => {
    const [line] = generateExampleAsChatLines('streaming-example-1.ndjson').slice(-1);
    const { response: text, ...generateBody } = readJsonFixture('ollama-docs', 'streaming-example-2.json') as Record<string, unknown>;
    reply(200, JSON.stringify({ ...generateBody, message: { role: 'assistant', content: text } }));
    const { response } = await adapter().chat(request);
    expect(response.choices[0]?.message.content).toBe("That's a fantastic question!");
    expect(response.model).toBe((line as { model: string }).model);
  });
});
