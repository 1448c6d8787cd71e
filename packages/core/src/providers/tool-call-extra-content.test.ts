import { describe, expect, it } from 'vitest';
import { StreamAccumulator } from './stream-accumulator';
import { StreamChunkWriter } from './stream-chunk-writer';
import type { StreamPart } from './stream-part';

const signature = { google: { thought_signature: 'EpEgCo4g' } };

const parts: StreamPart[] = [
  { type: 'stream-start', id: 'r1', model: 'm' },
  { type: 'tool-call-start', index: 0, id: 'call_a', name: 'weather', extraContent: signature },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Paris"}' },
  { type: 'tool-call-start', index: 1, id: 'call_b', name: 'time' },
  { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
  { type: 'finish', finishReason: 'tool_calls' },
];

describe('tool call extra content (provider data carried with a tool call)', () => {
  it('is written as extra_content on the tool call delta that opens the call, and only there', () => {
    const writer = new StreamChunkWriter({ id: 'c', model: 'm', created: 1 });
    const chunks = parts.flatMap((part) => writer.write(part));
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas[0]).toEqual({
      index: 0,
      id: 'call_a',
      type: 'function',
      function: { name: 'weather', arguments: '' },
      extra_content: signature,
    });
    expect(toolDeltas.filter((delta) => 'extra_content' in delta)).toHaveLength(1);
  });

  it('is kept on the accumulated tool call of the completion', () => {
    const accumulator = new StreamAccumulator();
    for (const part of parts) accumulator.add(part);
    const completion = accumulator.toCompletion({ id: 'x', model: 'm', created: 1 });
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' }, extra_content: signature },
      { id: 'call_b', type: 'function', function: { name: 'time', arguments: '{}' } },
    ]);
  });
});
