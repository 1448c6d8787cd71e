import { describe, expect, it } from 'vitest';
import { BedrockStreamMapper } from './bedrock-stream-parts';
import { ToolNameMap } from './bedrock-tool-names';
import { decodeEventStreamMessages, encodeBedrockEvent, encodeBedrockException, encodeEventStreamMessage, type EventStreamMessage } from './event-stream';

const message = (frame: Uint8Array): EventStreamMessage => decodeEventStreamMessages(frame)[0] as EventStreamMessage;
const event = (type: string, payload: unknown) => message(encodeBedrockEvent(type, payload));

describe('BedrockStreamMapper', () => {
  it('numbers tool calls from 0 whatever their content-block index, and maps names back', () => {
    const names = new ToolNameMap();
    names.toBedrock('lookup.city');
    const mapper = new BedrockStreamMapper('bedrock', names);
    expect(mapper.map(event('contentBlockStart', { contentBlockIndex: 3, start: { toolUse: { toolUseId: 't1', name: 'lookup_city' } } }))).toEqual([
      { type: 'tool-call-start', index: 0, id: 't1', name: 'lookup.city' },
    ]);
    expect(mapper.map(event('contentBlockDelta', { contentBlockIndex: 3, delta: { toolUse: { input: '{"a":1}' } } }))).toEqual([
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":1}' },
    ]);
    expect(mapper.map(event('contentBlockStop', { contentBlockIndex: 3 }))).toEqual([]);
  });

  it('gives a tool that never streamed input {} arguments, at its stop or at messageStop', () => {
    const mapper = new BedrockStreamMapper('bedrock', new ToolNameMap());
    mapper.map(event('contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'a', name: 'f' } } }));
    mapper.map(event('contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'b', name: 'g' } } }));
    expect(mapper.map(event('contentBlockStop', { contentBlockIndex: 0 }))).toEqual([{ type: 'tool-call-delta', index: 0, argumentsDelta: '{}' }]);
    expect(mapper.map(event('messageStop', { stopReason: 'tool_use' }))).toEqual([
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
  });

  it('keeps the reasoning signature on a reasoning-delta part', () => {
    const mapper = new BedrockStreamMapper('bedrock', new ToolNameMap());
    expect(mapper.map(event('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig==' } } }))).toEqual([
      { type: 'reasoning-delta', delta: '', signature: 'sig==' },
    ]);
  });

  it('reports tool input that arrives before its contentBlockStart as a decode error', () => {
    const mapper = new BedrockStreamMapper('bedrock', new ToolNameMap());
    const [part] = mapper.map(event('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{}' } } }));
    expect(part).toMatchObject({ type: 'error', error: { kind: 'decode' } });
  });

  it('ignores unknown event types and messageStart', () => {
    const mapper = new BedrockStreamMapper('bedrock', new ToolNameMap());
    expect(mapper.map(event('futureEvent', { anything: true }))).toEqual([]);
    expect(mapper.map(event('messageStart', { role: 'assistant' }))).toEqual([]);
  });

  it('maps exception frames and generic :message-type error frames to error parts', () => {
    const mapper = new BedrockStreamMapper('bedrock', new ToolNameMap());
    expect(mapper.map(message(encodeBedrockException('throttlingException', 'slow down')))).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'rate_limit', providerCode: 'throttlingException' }) },
    ]);
    const errorFrame = encodeEventStreamMessage(
      {
        ':message-type': { type: 'string', value: 'error' },
        ':error-code': { type: 'string', value: 'InternalFailure' },
        ':error-message': { type: 'string', value: 'An internal error occurred' },
      },
      new Uint8Array(),
    );
    expect(mapper.map(message(errorFrame))).toEqual([
      { type: 'error', error: expect.objectContaining({ kind: 'server', message: expect.stringContaining('An internal error occurred') }) },
    ]);
  });

  it('reports an event payload that is JSON but not an object as a decode error', () => {
    const mapper = new BedrockStreamMapper('bedrock', new ToolNameMap());
    const frame = encodeEventStreamMessage(
      { ':message-type': { type: 'string', value: 'event' }, ':event-type': { type: 'string', value: 'metadata' } },
      new TextEncoder().encode('42'),
    );
    expect(mapper.map(message(frame))).toEqual([{ type: 'error', error: expect.objectContaining({ kind: 'decode' }) }]);
  });
});
