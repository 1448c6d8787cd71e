import { describe, expect, it } from 'vitest';
import { RefractError, parseChatRequest, type ChatRequest } from '@refract/core';
import type { ContentContext } from './bedrock-content';
import { convertToBedrockRequest } from './convert-to-bedrock-request';

const PNG_BASE64 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
const JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString('base64');

const refuseUrls: ContentContext['loadImage'] = async (url) => {
  throw new Error(`unexpected fetch of ${url}`);
};

async function convert(request: Partial<ChatRequest> & { messages: ChatRequest['messages'] }, loadImage = refuseUrls) {
  return convertToBedrockRequest(parseChatRequest({ model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', ...request }), { loadImage });
}

describe('messages', () => {
  it('moves system and developer messages into system blocks and keeps the turns', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use French.' }] },
        { role: 'user', content: 'Hello' },
      ],
    });
    expect(body.system).toEqual([{ text: 'Be brief.' }, { text: 'Use French.' }]);
    expect(body.messages).toEqual([{ role: 'user', content: [{ text: 'Hello' }] }]);
    expect(warnings).toEqual([]);
  });

  it('warns when a system message arrives after the conversation started', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Late rule.' },
      ],
    });
    expect(body.system).toEqual([{ text: 'Late rule.' }]);
    expect(warnings).toEqual([expect.objectContaining({ type: 'parameter-changed', parameter: 'messages.1' })]);
  });

  it('merges consecutive same-role turns and puts tool results before text', async () => {
    const { body } = await convert({
      messages: [
        { role: 'user', content: 'one' },
        { role: 'user', content: 'two' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'user', content: 'by the way' },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ text: 'one' }, { text: 'two' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Paris' } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 'call_1', content: [{ json: { temp: 21 } }] } }, { text: 'by the way' }] },
    ]);
  });

  it('keeps assistant text with its tool calls, and text tool results as text', async () => {
    const { body } = await convert({
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'a', type: 'function', function: { name: 'f', arguments: '' } },
            { id: 'b', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'a', content: 'sunny' },
        { role: 'tool', tool_call_id: 'b', content: [{ type: 'text', text: '[1,2]' }] },
      ],
      tools: [{ type: 'function', function: { name: 'f' } }],
    });
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [{ text: 'Checking.' }, { toolUse: { toolUseId: 'a', name: 'f', input: {} } }, { toolUse: { toolUseId: 'b', name: 'f', input: { x: 1 } } }],
    });
    expect(body.messages[2]).toEqual({
      role: 'user',
      content: [
        { toolResult: { toolUseId: 'a', content: [{ text: 'sunny' }] } },
        { toolResult: { toolUseId: 'b', content: [{ text: '[1,2]' }] } },
      ],
    });
  });

  it('inserts a user turn before a leading assistant turn, with a warning', async () => {
    const { body, warnings } = await convert({ messages: [{ role: 'assistant', content: 'Hi there' }, { role: 'user', content: 'Hello' }] });
    expect(body.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[0]?.content).toEqual([{ text: '.' }]);
    expect(warnings).toContainEqual(expect.objectContaining({ parameter: 'messages' }));
  });

  it('leaves out blank text and blank messages, reporting the dropped message', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: [{ type: 'text', text: '  ' }, { type: 'text', text: 'real' }] },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'more' },
      ],
    });
    expect(body.messages).toEqual([{ role: 'user', content: [{ text: 'real' }, { text: 'more' }] }]);
    expect(warnings).toEqual([expect.objectContaining({ parameter: 'messages.1' })]);
  });

  it('sends an empty tool result as placeholder text and says so', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'x', content: '' },
      ],
      tools: [{ type: 'function', function: { name: 'f' } }],
    });
    expect(body.messages[2]?.content).toEqual([{ toolResult: { toolUseId: 'x', content: [{ text: '(no output)' }] } }]);
    expect(warnings).toContainEqual(expect.objectContaining({ parameter: 'messages.2.content' }));
  });

  it('reports unparseable tool-call arguments instead of sending them', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '{"broken' } }] },
        { role: 'tool', tool_call_id: 'x', content: 'ok' },
      ],
      tools: [{ type: 'function', function: { name: 'f' } }],
    });
    expect(body.messages[1]?.content).toEqual([{ toolUse: { toolUseId: 'x', name: 'f', input: {} } }]);
    expect(warnings).toContainEqual(expect.objectContaining({ parameter: 'messages.1.tool_calls.0.function.arguments' }));
  });

  it('refuses the legacy function role and unsupported content parts with the path named', async () => {
    await expect(convert({ messages: [{ role: 'function', name: 'f', content: 'x' }] })).rejects.toThrow(/messages\.0/);
    await expect(
      convert({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] }),
    ).rejects.toMatchObject({ code: 'REFRACT_ERR_UNSUPPORTED', param: 'messages.0.content.0' });
  });

  it('warns that participant names are not sent', async () => {
    const { body, warnings } = await convert({ messages: [{ role: 'user', name: 'alice', content: 'hi' }] });
    expect(body.messages).toEqual([{ role: 'user', content: [{ text: 'hi' }] }]);
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported-parameter', parameter: 'messages.0.name' })]);
  });

  it('warns that earlier reasoning is not sent back', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a', reasoning_content: 'thought' },
        { role: 'user', content: 'q2' },
      ],
    });
    expect(body.messages[1]?.content).toEqual([{ text: 'a' }]);
    expect(warnings).toEqual([expect.objectContaining({ parameter: 'messages.1.reasoning_content' })]);
  });

  it('turns cache_control into cache points after the marked block', async () => {
    const { body } = await convert({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Long rules', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: [{ type: 'text', text: 'Long doc', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'Question' }] },
      ],
    });
    expect(body.system).toEqual([{ text: 'Long rules' }, { cachePoint: { type: 'default' } }]);
    expect(body.messages[0]?.content).toEqual([{ text: 'Long doc' }, { cachePoint: { type: 'default' } }, { text: 'Question' }]);
  });
});

describe('images and documents', () => {
  it('sends data-URL images as bytes, the format read from the bytes', async () => {
    const { body } = await convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
            // declared png but the bytes are JPEG: Bedrock would reject the label, the bytes win
            { type: 'image_url', image_url: { url: `data:image/png;base64,${JPEG_BASE64}` } },
          ],
        },
      ],
    });
    expect(body.messages[0]?.content).toEqual([
      { text: 'What is this?' },
      { image: { format: 'png', source: { bytes: PNG_BASE64 } } },
      { image: { format: 'jpeg', source: { bytes: JPEG_BASE64 } } },
    ]);
  });

  it('passes http(s) image URLs to the loader with their parameter path', async () => {
    const seen: [string, string][] = [];
    const { body } = await convert(
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] },
      async (url, parameter) => {
        seen.push([url, parameter]);
        return { format: 'png', source: { bytes: PNG_BASE64 } };
      },
    );
    expect(seen).toEqual([['https://example.com/cat.png', 'messages.0.content.0.image_url.url']]);
    expect(body.messages[0]?.content).toEqual([{ image: { format: 'png', source: { bytes: PNG_BASE64 } } }]);
  });

  it('refuses image types Bedrock cannot take and malformed base64', async () => {
    await expect(
      convert({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/svg+xml;base64,PHN2Zz4=' } }] }] }),
    ).rejects.toThrow(/image\/svg\+xml/);
    await expect(
      convert({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,@@@' } }] }] }),
    ).rejects.toBeInstanceOf(RefractError);
  });

  it('sends inline PDF files as documents with a Bedrock-safe name', async () => {
    const pdf = Buffer.from('%PDF-1.4').toString('base64');
    const { body } = await convert({
      messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: `data:application/pdf;base64,${pdf}`, filename: 'Q3_report (final).pdf' } }] }],
    });
    expect(body.messages[0]?.content).toEqual([{ document: { format: 'pdf', name: 'Q3 report (final)', source: { bytes: pdf } } }]);
  });
});
