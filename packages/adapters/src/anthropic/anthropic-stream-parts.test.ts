import { describe, expect, it } from 'vitest';
import type { StreamPart } from '@refract/core';
import { AnthropicStreamTranslator } from './anthropic-stream-parts';

const start = (id = 'msg_1', extra: Record<string, unknown> = {}) =>
  ({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model: 'claude-x', content: [], usage: { input_tokens: 10, output_tokens: 1 }, ...extra } });

function run(events: (object | string)[], options: ConstructorParameters<typeof AnthropicStreamTranslator>[0] = { provider: 'anthropic' }): StreamPart[] {
  const translator = new AnthropicStreamTranslator(options);
  return events.flatMap((event) => translator.push(typeof event === 'string' ? event : JSON.stringify(event)));
}

const withoutStart = (parts: StreamPart[]) => parts.filter((part) => part.type !== 'stream-start');

describe('AnthropicStreamTranslator', () => {
  it('starts with stream-start carrying the message id, model and the request warnings', () => {
    const warning = { type: 'unsupported-parameter' as const, parameter: 'seed', message: 'no seed' };
    const parts = run([start()], { provider: 'anthropic', warnings: [warning] });
    expect(parts).toEqual([{ type: 'stream-start', id: 'msg_1', model: 'claude-x', created: expect.any(Number), warnings: [warning] }]);
  });

  it('numbers tool calls by tool_use order, skipping server-tool blocks and their input deltas', () => {
    const parts = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_a', name: 'a', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"x":' } },
      { type: 'content_block_start', index: 3, content_block: { type: 'tool_use', id: 'toolu_b', name: 'b', input: {} } },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '1}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'content_block_stop', index: 3 },
    ]);
    expect(withoutStart(parts).filter((part) => part.type !== 'warning')).toEqual([
      { type: 'tool-call-start', index: 0, id: 'toolu_a', name: 'a' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":' },
      { type: 'tool-call-start', index: 1, id: 'toolu_b', name: 'b' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
    ]);
    expect(parts.filter((part) => part.type === 'warning')).toHaveLength(2);
  });

  it('replays content that arrives whole in message_start and uses its stop_reason', () => {
    const parts = run([
      start('msg_2', { content: [{ type: 'tool_use', id: 'toolu_x', name: 'rollDie', input: { player: 'p2' } }], stop_reason: 'tool_use', usage: { input_tokens: 0, output_tokens: 0 } }),
      { type: 'message_stop' },
    ]);
    expect(withoutStart(parts)).toEqual([
      { type: 'tool-call-start', index: 0, id: 'toolu_x', name: 'rollDie' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"player":"p2"}' },
      { type: 'finish', finishReason: 'tool_calls' },
      { type: 'usage', usage: { inputTokens: 0, outputTokens: 0 } },
    ]);
  });

  it('emits thinking, its signature and text; signatures on text blocks are ignored', () => {
    const parts = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'ok' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'signature_delta', signature: 'not-for-text' } },
    ]);
    expect(withoutStart(parts)).toEqual([
      { type: 'reasoning-delta', delta: 'hmm' },
      { type: 'reasoning-delta', delta: '', signature: 'sig' },
      { type: 'text-delta', delta: 'ok' },
    ]);
  });

  it('streams the JSON-schema answer tool as text and finishes with stop', () => {
    const parts = run(
      [
        start(),
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_j', name: 'person', input: {} } },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"name":' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"Ada"}' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
        { type: 'message_stop' },
      ],
      { provider: 'anthropic', context: { jsonToolName: 'person' } },
    );
    expect(withoutStart(parts)).toEqual([
      { type: 'text-delta', delta: '{"name":' },
      { type: 'text-delta', delta: '"Ada"}' },
      { type: 'finish', finishReason: 'stop' },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 9 } },
    ]);
  });

  it('treats [DONE] as the end of an open message and ignores events after message_stop with one warning', () => {
    const done = run([start(), { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 5 } }, '[DONE]']);
    expect(withoutStart(done).map((part) => part.type === 'finish' && part.finishReason)).toContain('length');

    const after = run([
      start(),
      { type: 'message_stop' },
      start('msg_9'),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'late' } },
      '{"broken',
      { type: 'ping' },
    ]);
    expect(after.filter((part) => part.type === 'text-delta' || part.type === 'error')).toEqual([]);
    expect(after.filter((part) => part.type === 'warning')).toHaveLength(1);
    expect(after.filter((part) => part.type === 'stream-start')).toHaveLength(1);
  });

  it.each([
    ['malformed JSON', '{"type":"content_block_delta","index":0,"delta":{"type":"text_'],
    ['an event without a type', '{"index":0}'],
    ['a delta without its delta', '{"type":"content_block_delta","index":0}'],
    ['a block start without its block', '{"type":"content_block_start","index":0}'],
  ])('turns %s into a decode error part', (_what, data) => {
    const parts = run([start(), data]);
    const last = parts[parts.length - 1];
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.kind).toBe('decode');
    expect(last?.type === 'error' && last.error.retryable).toBe(false);
  });

  it('warns once about citations, whether they come with the block or as deltas', () => {
    const citation = { type: 'char_location', cited_text: 'x', document_index: 0 };
    const parts = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Cited.', citations: [citation] } },
      { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation } },
    ]);
    expect(withoutStart(parts)).toEqual([
      { type: 'warning', warning: expect.objectContaining({ message: expect.stringContaining('citations') }) },
      { type: 'text-delta', delta: 'Cited.' },
    ]);
  });

  it('ignores ping and unknown event types (forward compatible)', () => {
    expect(withoutStart(run([start(), { type: 'ping' }, { type: 'some_future_event', data: 1 }]))).toEqual([]);
  });

  it('reports a refusal as content_filter with a content-filtered warning', () => {
    const parts = run([
      start(),
      { type: 'message_delta', delta: { stop_reason: 'refusal', stop_details: { type: 'refusal', category: 'cyber', explanation: 'blocked' } }, usage: { output_tokens: 5 } },
      { type: 'message_stop' },
    ]);
    expect(withoutStart(parts)).toEqual([
      { type: 'warning', warning: { type: 'content-filtered', message: 'Anthropic refused to answer (cyber): blocked' } },
      { type: 'finish', finishReason: 'content_filter' },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } },
    ]);
  });
});
