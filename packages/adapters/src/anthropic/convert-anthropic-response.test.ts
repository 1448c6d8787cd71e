import { describe, expect, it } from 'vitest';
import type { AnthropicMessage } from './anthropic-api-types';
import { anthropicModelProfile } from './anthropic-model-profile';
import { convertAnthropicResponse } from './convert-anthropic-response';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason';

const base: AnthropicMessage = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-x', stop_reason: 'end_turn', usage: { input_tokens: 5, output_tokens: 7 } };
const convert = (message: Partial<AnthropicMessage>, context = {}) => convertAnthropicResponse({ ...base, ...message }, context, { provider: 'anthropic', model: 'requested' });

describe('convertAnthropicResponse', () => {
  it('keeps thinking blocks with signatures (and redacted ones) for the next turn', () => {
    const { response } = convert({
      content: [
        { type: 'thinking', thinking: 'Let me see. ', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'thinking', thinking: 'Done.', signature: 'sig-2' },
        { type: 'text', text: 'Answer' },
      ],
    });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Answer',
      reasoning_content: 'Let me see. Done.',
      thinking_blocks: [
        { type: 'thinking', thinking: 'Let me see. ', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'thinking', thinking: 'Done.', signature: 'sig-2' },
      ],
    });
  });

  it('returns the JSON-schema tool input as the answer text, finish stop', () => {
    const { response } = convert({ content: [{ type: 'tool_use', id: 'toolu_1', name: 'person', input: { name: 'Ada' } }], stop_reason: 'tool_use' }, { jsonToolName: 'person' });
    expect(response.choices[0]).toEqual({ index: 0, message: { role: 'assistant', content: '{"name":"Ada"}' }, finish_reason: 'stop' });
  });

  it('maps cache reads and writes: prompt tokens include both', () => {
    const { response } = convert({ content: [{ type: 'text', text: 'x' }], usage: { input_tokens: 6, cache_read_input_tokens: 6289, cache_creation_input_tokens: 3337, output_tokens: 198 } });
    expect(response.usage).toEqual({
      prompt_tokens: 9632,
      completion_tokens: 198,
      total_tokens: 9830,
      prompt_tokens_details: { cached_tokens: 6289, cache_write_tokens: 3337 },
    });
  });

  it('puts a refusal explanation in message.refusal and a warning', () => {
    const { response, warnings } = convert({ content: [], stop_reason: 'refusal', stop_details: { type: 'refusal', category: 'cyber', explanation: 'Blocked.' } });
    expect(response.choices[0]?.message.refusal).toBe('Blocked.');
    expect(response.choices[0]?.finish_reason).toBe('content_filter');
    expect(warnings).toEqual([{ type: 'content-filtered', message: 'Anthropic refused to answer (cyber): Blocked.' }]);
  });

  it('uses the requested model and a generated id when Anthropic sends none', () => {
    const { id: _id, model: _model, ...anonymous } = base;
    const { response } = convertAnthropicResponse({ ...anonymous, content: [{ type: 'text', text: 'x' }] }, {}, { provider: 'anthropic', model: 'requested' });
    expect(response.model).toBe('requested');
    expect(response.id).toMatch(/^chatcmpl-[0-9a-f]{24}$/);
  });
});

describe('mapAnthropicFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['something_new', 'stop'],
  ])('%s → %s', (reason, expected) => {
    expect(mapAnthropicFinishReason(reason).finishReason).toBe(expected);
  });

  it('warns for pause_turn and unknown reasons only', () => {
    expect(mapAnthropicFinishReason('pause_turn').warning?.message).toMatch(/pause_turn/);
    expect(mapAnthropicFinishReason('something_new').warning?.message).toMatch(/something_new/);
    expect(mapAnthropicFinishReason('end_turn').warning).toBeUndefined();
  });
});

describe('anthropicModelProfile', () => {
  it.each([
    ['claude-3-haiku-20240307', 'none', false, 4096],
    ['claude-3-5-sonnet-20241022', 'none', false, 8192],
    ['claude-3-7-sonnet-20250219', 'budget', false, 16_384],
    ['claude-sonnet-4-20250514', 'budget', false, 16_384],
    ['claude-opus-4-1-20250805', 'budget', false, 16_384],
    ['claude-sonnet-4-5-20250929', 'budget', true, 16_384],
    ['claude-haiku-4-5', 'budget', true, 16_384],
    ['claude-opus-4-6', 'adaptive', true, 16_384],
    ['claude-opus-5', 'adaptive', true, 16_384],
  ])('%s: thinking %s, JSON-schema output %s, default max_tokens %i', (model, thinking, structuredOutputs, defaultMaxTokens) => {
    expect(anthropicModelProfile(model)).toEqual({ thinking, structuredOutputs, defaultMaxTokens });
  });
});
