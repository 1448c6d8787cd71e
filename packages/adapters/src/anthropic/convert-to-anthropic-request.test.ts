import { describe, expect, it } from 'vitest';
import { RefractError, RefractValidationError, parseChatRequest, type ChatRequest } from '@refract/core';
import { anthropicModelProfile } from './anthropic-model-profile';
import { convertToAnthropicRequest } from './convert-to-anthropic-request';

const SONNET_45 = 'claude-sonnet-4-5-20250929';

function convert(request: Record<string, unknown>, stream = false) {
  const parsed: ChatRequest = parseChatRequest({ model: SONNET_45, max_tokens: 500, ...request });
  return convertToAnthropicRequest(parsed, anthropicModelProfile(parsed.model), { stream });
}

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('convertToAnthropicRequest: messages', () => {
  it('hoists system and developer messages into top-level system blocks, keeping cache_control', () => {
    const { body, warnings } = convert({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }] },
        { role: 'developer', content: 'Answer in French.' },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Late rule.' },
        { role: 'user', content: 'Again' },
      ],
    });
    expect(body.system).toEqual([
      { type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Answer in French.' },
      { type: 'text', text: 'Late rule.' },
    ]);
    // the two user messages around the late system message become one turn
    expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'text', text: 'Again' }] }]);
    expect(warnings).toContainEqual(expect.objectContaining({ type: 'parameter-changed', parameter: 'messages.3' }));
  });

  it('puts a message-level cache_control on the last block of that message', () => {
    const { body } = convert({ messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], cache_control: { type: 'ephemeral', ttl: '1h' } }] });
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('turns data-URL images into base64 sources and http(s) URLs into url sources', () => {
    const { body } = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' }, cache_control: { type: 'ephemeral' } },
            { type: 'image_url', image_url: { url: 'data:image/jpg;base64,/9j/AA==' } },
          ],
        },
      ],
    });
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: 'Compare' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' }, cache_control: { type: 'ephemeral' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/AA==' } },
    ]);
  });

  it('labels a data-URL image by its bytes when they disagree with the declared type (Anthropic rejects a mismatch)', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]).toString('base64');
    const { body } = convert({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${jpeg}` } }] }] });
    expect(body.messages[0]?.content).toEqual([{ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: jpeg } }]);
  });

  it('sends PDFs (data URL image_url or file part) as document blocks', () => {
    const { body } = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' } },
            { type: 'image_url', image_url: { url: 'data:application/pdf;base64,JVBERi0y' } },
          ],
        },
      ],
    });
    expect(body.messages[0]?.content).toEqual([
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' }, title: 'report.pdf' },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0y' } },
    ]);
  });

  it.each([
    ['an unsupported media type', 'data:image/tiff;base64,AAAA', RefractError, 'messages.0.content.0.image_url.url'],
    ['a non-http scheme', 'file:///etc/passwd', RefractError, 'messages.0.content.0.image_url.url'],
    ['a malformed data URL', 'data:image/png;base64,@@@', RefractValidationError, 'messages.0.content.0.image_url.url'],
  ])('refuses an image with %s with a clear error naming the field', (_what, url, errorClass, param) => {
    const call = () => convert({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }] });
    expect(call).toThrow(errorClass);
    expect(call).toThrow(expect.objectContaining({ param }));
  });

  it('refuses audio input instead of dropping it', () => {
    expect(() =>
      convert({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] }),
    ).toThrow(/input_audio/);
  });

  it('turns assistant tool_calls into tool_use blocks and tool messages into one user turn of tool_result blocks', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: 'Checking both.',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'weather', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
        { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '24°C' }] },
        { role: 'user', content: 'Thanks! Which is warmer?' },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: '24°C' }] },
          { type: 'text', text: 'Thanks! Which is warmer?' },
        ],
      },
    ]);
  });

  it('moves tool results before other content of the same user turn, with a warning', () => {
    const { body, warnings } = convert({
      messages: [
        { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'user', content: 'also this' },
        { role: 'tool', tool_call_id: 't1', content: 'done' },
      ],
    });
    expect(body.messages[1]?.content.map((block) => block.type)).toEqual(['tool_result', 'text']);
    expect(warnings).toContainEqual(expect.objectContaining({ type: 'parameter-changed', parameter: 'messages' }));
  });

  it('rejects tool-call arguments that are not a JSON object instead of sending {}', () => {
    const call = (args: string) => () =>
      convert({ messages: [{ role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: args } }] }] });
    expect(call('{"city": "Par')).toThrow(RefractValidationError);
    expect(call('{"city": "Par')).toThrow(/messages\.0\.tool_calls\.0\.function\.arguments/);
    expect(call('[1,2]')).toThrow(/must be a JSON object/);
  });

  it('sends thinking_blocks back first so signed reasoning survives the round trip', () => {
    const { body, warnings } = convert({
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: 'a',
          reasoning_content: 'thought',
          thinking_blocks: [
            { type: 'thinking', thinking: 'thought', signature: 'sig' },
            { type: 'redacted_thinking', data: 'opaque' },
          ],
        },
        { role: 'user', content: 'next' },
      ],
    });
    expect(body.messages[1]?.content).toEqual([
      { type: 'thinking', thinking: 'thought', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
      { type: 'text', text: 'a' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns when reasoning_content comes back without thinking_blocks (no signature to send)', () => {
    const { body, warnings } = convert({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a', reasoning_content: 'hmm' }] });
    expect(body.messages[1]?.content).toEqual([{ type: 'text', text: 'a' }]);
    expect(warnings).toContainEqual(expect.objectContaining({ type: 'unsupported-parameter', parameter: 'messages.reasoning_content' }));
  });

  it('refuses the legacy function role and warns about participant names', () => {
    expect(() => convert({ messages: [{ role: 'function', name: 'f', content: '1' }] })).toThrow(/legacy `function` role/);
    const { warnings } = convert({ messages: [{ role: 'user', name: 'ann', content: 'hi' }] });
    expect(warnings).toContainEqual(expect.objectContaining({ parameter: 'messages.name' }));
  });
});

describe('convertToAnthropicRequest: parameters', () => {
  it('maps tools, tool_choice and parallel_tool_calls', () => {
    const tools = [{ type: 'function', function: { name: 'weather', description: 'Get weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const choice = (tool_choice: unknown, extra: Record<string, unknown> = {}) => convert({ messages: [{ role: 'user', content: 'x' }], tools, tool_choice, ...extra }).body;
    expect(choice('auto').tools).toEqual([{ name: 'weather', description: 'Get weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }]);
    expect(choice('auto').tool_choice).toEqual({ type: 'auto' });
    expect(choice('required').tool_choice).toEqual({ type: 'any' });
    expect(choice('none').tool_choice).toEqual({ type: 'none' });
    expect(choice({ type: 'function', function: { name: 'weather' } }).tool_choice).toEqual({ type: 'tool', name: 'weather' });
    expect(choice(undefined, { parallel_tool_calls: false }).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(choice('required', { parallel_tool_calls: false }).tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
  });

  it('gives a tool without parameters an empty object schema', () => {
    const { body } = convert({ messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'now' } }] });
    expect(body.tools).toEqual([{ name: 'now', input_schema: { type: 'object', properties: {} } }]);
  });

  it('maps stop, temperature, top_p, top_k and user', () => {
    const { body, warnings } = convert({ messages: [{ role: 'user', content: 'x' }], stop: ['END', '\n'], temperature: 1.5, top_p: 0.9, top_k: 40, user: 'u-42' });
    expect(body).toMatchObject({ stop_sequences: ['END'], temperature: 1, top_p: 0.9, top_k: 40, metadata: { user_id: 'u-42' } });
    expect(warnings.map((warning) => warning.parameter)).toEqual(['temperature', 'stop']);
  });

  it('uses max_completion_tokens, then max_tokens, then the model default with a warning', () => {
    expect(convert({ messages: [{ role: 'user', content: 'x' }], max_completion_tokens: 300 }).body.max_tokens).toBe(300);
    const defaulted = convertToAnthropicRequest(parseChatRequest({ model: 'claude-3-haiku-20240307', messages: [{ role: 'user', content: 'x' }] }), anthropicModelProfile('claude-3-haiku-20240307'));
    expect(defaulted.body.max_tokens).toBe(4096);
    expect(defaulted.warnings).toContainEqual(expect.objectContaining({ type: 'parameter-changed', parameter: 'max_tokens' }));
  });

  it('warns about every parameter Anthropic cannot honour and does not send it', () => {
    const { body, warnings } = convert({
      messages: [{ role: 'user', content: 'x' }],
      n: 2, logit_bias: { 42: 1 }, logprobs: true, presence_penalty: 0.5, frequency_penalty: 0.1, seed: 7, store: true,
      metadata: { team: 'a' },
    });
    expect(warnings.filter((warning) => warning.type === 'unsupported-parameter').map((warning) => warning.parameter).sort()).toEqual(
      ['frequency_penalty', 'logit_bias', 'logprobs', 'metadata', 'n', 'presence_penalty', 'seed', 'store'].sort(),
    );
    expect(Object.keys(body).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });

  it('does not warn about neutral values (penalties of 0, n of 1)', () => {
    const { warnings } = convert({ messages: [{ role: 'user', content: 'x' }], n: 1, presence_penalty: 0, frequency_penalty: 0, stream: false });
    expect(warnings).toEqual([]);
  });

  it('sets stream: true only for streams', () => {
    expect(convert({ messages: [{ role: 'user', content: 'x' }] }, true).body.stream).toBe(true);
    expect(convert({ messages: [{ role: 'user', content: 'x' }] }).body.stream).toBeUndefined();
  });
});
