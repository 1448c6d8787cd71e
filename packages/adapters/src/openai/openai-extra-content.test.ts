import { describe, expect, it } from 'vitest';
import { StreamChunkWriter, collectStream, type ChatCompletion, type StreamPart } from '@refract/core';
import { completionToStreamParts } from './completion-to-stream-parts';
import { convertOpenAIResponse } from './convert-openai-response';
import { OpenAIStreamMapper } from './openai-stream-parts';

/**
 * Gemini's OpenAI-compatible endpoint sends each function call's thought signature as the tool
 * call's `extra_content`; Gemini 3 rejects the next turn without it. It must survive streams
 * (as `tool-call-start.extraContent`, written back as `extra_content`) and JSON bodies.
 */
const signature = { google: { thought_signature: 'SIG_A' } };

function chunk(toolCalls: unknown[], finish: string | null = null): string {
  return JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gemini-3-pro', choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: finish }] });
}

function mapAll(events: string[]): StreamPart[] {
  const mapper = new OpenAIStreamMapper({ provider: 'gemini-compat' });
  return events.flatMap((event) => mapper.event(event).parts);
}

async function* fromArray(parts: StreamPart[]): AsyncGenerator<StreamPart> {
  yield* parts;
}

describe('extra_content on streamed tool calls', () => {
  it('rides on tool-call-start, is written as extra_content on the opening chunk, and is not warned about', () => {
    const parts = mapAll([
      chunk([{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' }, extra_content: signature }]),
      chunk([{ index: 0, function: { arguments: '{"city":"Paris"}' } }], 'tool_calls'),
      '[DONE]',
    ]);
    expect(parts.find((part) => part.type === 'tool-call-start')).toEqual({ type: 'tool-call-start', index: 0, id: 'call_a', name: 'weather', extraContent: signature });
    expect(parts.filter((part) => part.type === 'warning')).toEqual([]);
    expect(parts[0]).toEqual({ type: 'stream-start', id: 'c1', model: 'gemini-3-pro', created: 1 });

    const writer = new StreamChunkWriter({ id: 'c1', model: 'gemini-3-pro', created: 1 });
    const toolDeltas = parts.flatMap((part) => writer.write(part)).flatMap((written) => written.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(toolDeltas.filter((delta) => 'extra_content' in delta)).toEqual([
      { index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' }, extra_content: signature },
    ]);
  });

  it('keeps extra_content that arrives before the function name until the call starts', () => {
    const parts = mapAll([
      chunk([{ index: 0, id: 'call_a', extra_content: signature }]),
      chunk([{ index: 0, function: { name: 'weather', arguments: '{}' } }], 'tool_calls'),
      '[DONE]',
    ]);
    expect(parts.find((part) => part.type === 'tool-call-start')).toMatchObject({ id: 'call_a', name: 'weather', extraContent: signature });
  });

  it('warns about extra_content that arrives after the call started, which no part can carry', () => {
    const parts = mapAll([
      chunk([{ index: 0, id: 'call_a', function: { name: 'weather', arguments: '' } }]),
      chunk([{ index: 0, function: { arguments: '{}' }, extra_content: signature }], 'tool_calls'),
      '[DONE]',
    ]);
    expect(parts.find((part) => part.type === 'tool-call-start')).not.toHaveProperty('extraContent');
    expect(parts.filter((part) => part.type === 'warning').map((part) => part.type === 'warning' && part.warning.message)).toEqual([
      'tool call field "extra_content" is not carried by Refract stream parts',
    ]);
  });
});

describe('extra_content in JSON responses', () => {
  const body = {
    id: 'c2',
    object: 'chat.completion',
    created: 2,
    model: 'gemini-3-pro',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' }, extra_content: signature },
            { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };

  it('is kept on the tool call of the completion', () => {
    const { completion, warnings } = convertOpenAIResponse(body, { provider: 'gemini-compat', model: 'gemini-3-pro' });
    expect(completion.choices[0]?.message.tool_calls?.map((call) => call['extra_content'])).toEqual([signature, undefined]);
    expect(warnings).toEqual([]);
  });

  it('survives a completion replayed as stream parts (a JSON answer to a stream request)', async () => {
    const { completion } = convertOpenAIResponse(body, { provider: 'gemini-compat', model: 'gemini-3-pro' });
    const accumulator = await collectStream(fromArray(completionToStreamParts(completion, [])));
    const replayed: ChatCompletion = accumulator.toCompletion({ id: completion.id, model: completion.model, created: completion.created });
    expect(replayed.choices[0]?.message.tool_calls).toEqual(completion.choices[0]?.message.tool_calls);
  });
});
