import { describe, expect, it } from 'vitest';
import { RefractValidationError } from '../errors/validation-error';
import { parseChatRequest } from './parse';

describe('parseChatRequest', () => {
  it('accepts a full request and keeps unknown fields at every level', () => {
    const request = parseChatRequest({
      model: 'auto',
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?', cache_control: { type: 'ephemeral' } },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
            { type: 'input_audio', input_audio: { data: 'x', format: 'wav' } },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '42' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'f' } },
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 100,
      reasoning_effort: 'low',
      stop: ['\n'],
      vendor_extension: { keep: true },
    });
    expect(request['vendor_extension']).toEqual({ keep: true });
    const user = request.messages[1];
    expect(user?.role).toBe('user');
    expect(JSON.stringify(user)).toContain('cache_control');
    expect(JSON.stringify(user)).toContain('input_audio');
  });

  it('lists every offending path', () => {
    let error: unknown;
    try {
      parseChatRequest({
        model: '',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: '' } }] }, { role: 'tool', content: 'x' }],
        temperature: 5,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RefractValidationError);
    const paths = (error as RefractValidationError).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['model', 'messages.0.content.0.image_url.url', 'messages.1.tool_call_id', 'temperature']));
    expect((error as RefractValidationError).status).toBe(400);
    expect((error as Error).message).toContain('temperature');
  });

  it('rejects an empty message list and an unknown role', () => {
    expect(() => parseChatRequest({ model: 'auto', messages: [] })).toThrow(/messages/);
    expect(() => parseChatRequest({ model: 'auto', messages: [{ role: 'robot', content: 'x' }] })).toThrow(RefractValidationError);
  });
});
