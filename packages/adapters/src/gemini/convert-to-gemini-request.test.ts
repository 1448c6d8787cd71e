import { RefractError, RefractValidationError, parseChatRequest } from '@refract/core';
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../shared';
import { convertToGeminiRequest, type RequestConversionOptions } from './convert-to-gemini-request';
import { resolveImageUrl } from './resolve-image-url';
import { PLACEHOLDER_THOUGHT_SIGNATURE } from './thought-signature';

const http = new HttpClient({});
const options: RequestConversionOptions = {
  resolveImage: (url, parameter) =>
    resolveImageUrl(url, parameter, { provider: 'gemini', http, baseURL: 'https://generativelanguage.googleapis.com/v1beta', options: { mode: 'refuse' } }),
  schemaMode: 'openapi',
  includeThoughts: true,
};

const convert = (request: Record<string, unknown>, overrides: Partial<RequestConversionOptions> = {}) =>
  convertToGeminiRequest(parseChatRequest({ model: 'gemini-2.5-flash', ...request }), { ...options, ...overrides });

describe('convertToGeminiRequest: messages', () => {
  it('moves system and developer messages to systemInstruction and merges consecutive turns of a role', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hi' },
        { role: 'user', content: [{ type: 'text', text: 'there' }, { type: 'text', text: '' }] },
        { role: 'assistant', content: 'Bonjour' },
        { role: 'system', content: 'Late rule.' },
        { role: 'user', content: 'Merci' },
      ],
    });
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }, { text: 'Late rule.' }] });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Hi' }, { text: 'there' }] },
      { role: 'model', parts: [{ text: 'Bonjour' }] },
      { role: 'user', parts: [{ text: 'Merci' }] },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ type: 'parameter-changed', parameter: 'messages.5' })]);
  });

  it('translates tool calls both ways: functionCall with parsed args, functionResponse named by the call id, in call order', async () => {
    const { body } = await convert({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
            { id: 'call_3', type: 'function', function: { name: 'clock', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_2', content: '{"temp":25}' },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 21°C' },
        { role: 'tool', tool_call_id: 'call_3', content: [{ type: 'text', text: '[1,2]' }] },
      ],
    });
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'weather', args: { city: 'Paris' } } },
          { functionCall: { name: 'weather', args: { city: 'Rome' } } },
          { functionCall: { name: 'clock', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'weather', response: { result: 'Sunny, 21°C' } } },
          { functionResponse: { name: 'weather', response: { temp: 25 } } },
          { functionResponse: { name: 'clock', response: { result: [1, 2] } } },
        ],
      },
    ]);
  });

  it('refuses a tool result whose call it cannot name, and accepts one that names itself', async () => {
    const messages = [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'nope', content: '1' }];
    await expect(convert({ messages })).rejects.toThrow(RefractValidationError);
    await expect(convert({ messages })).rejects.toThrow(/messages\.1\.tool_call_id/);
    const named = await convert({ messages: [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'nope', name: 'lookup', content: '1' }] });
    expect(named.body.contents[0]?.parts[1]).toEqual({ functionResponse: { name: 'lookup', response: { result: '1' } } });
  });

  it('puts thought signatures back on the parts they came from', async () => {
    const { body, warnings } = await convert({
      model: 'gemini-3-pro-preview',
      messages: [
        { role: 'user', content: 'Count the rs' },
        { role: 'assistant', content: 'Three.', extra_content: { google: { thought_signature: 'TEXT_SIG' } } },
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'a', type: 'function', function: { name: 'weather', arguments: '{}' }, extra_content: { google: { thought_signature: 'CALL_SIG' } } },
            { id: 'b', type: 'function', function: { name: 'weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'a', content: 'ok' },
        { role: 'tool', tool_call_id: 'b', content: 'ok' },
      ],
    });
    expect(body.contents[1]).toEqual({ role: 'model', parts: [{ text: 'Three.', thoughtSignature: 'TEXT_SIG' }] });
    expect(body.contents[3]?.parts).toEqual([
      { functionCall: { name: 'weather', args: {} }, thoughtSignature: 'CALL_SIG' },
      { functionCall: { name: 'weather', args: {} } },
    ]);
    expect(warnings).toEqual([]);
  });

  it("uses Google's placeholder signature for unsigned calls of the current Gemini 3 turn only, with a warning", async () => {
    const call = (id: string) => ({ role: 'assistant', tool_calls: [{ id, type: 'function', function: { name: 'f', arguments: '{}' } }] });
    const messages = [
      { role: 'user', content: 'first' },
      call('old'),
      { role: 'tool', tool_call_id: 'old', content: '1' },
      { role: 'user', content: 'second' },
      call('new'),
      { role: 'tool', tool_call_id: 'new', content: '2' },
    ];
    const gemini3 = await convert({ model: 'gemini-3-flash-preview', messages });
    expect(gemini3.body.contents[1]?.parts[0]?.thoughtSignature).toBeUndefined();
    // the tool result and the next user message merge into one user turn, so the new call is contents[3]
    expect(gemini3.body.contents[2]?.parts).toEqual([{ functionResponse: { name: 'f', response: { result: '1' } } }, { text: 'second' }]);
    expect(gemini3.body.contents[3]?.parts[0]?.thoughtSignature).toBe(PLACEHOLDER_THOUGHT_SIGNATURE);
    expect(gemini3.warnings).toEqual([expect.objectContaining({ type: 'parameter-changed', parameter: 'messages.4.tool_calls.0.extra_content' })]);
    const gemini25 = await convert({ messages });
    expect(JSON.stringify(gemini25.body)).not.toContain(PLACEHOLDER_THOUGHT_SIGNATURE);
  });

  it('converts images, audio and files; refuses http(s) images when configured to, and unknown part types', async () => {
    const { body } = await convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'gs://bucket/cat.jpg' } },
            { type: 'image_url', image_url: { url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } },
          ],
        },
      ],
    });
    expect(body.contents[0]?.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { fileData: { fileUri: 'gs://bucket/cat.jpg', mimeType: 'image/jpeg' } },
      { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
      { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
    ]);
    const image = { role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] };
    await expect(convert({ messages: [image] })).rejects.toMatchObject({ name: 'ProviderError', kind: 'bad_request', param: 'messages.0.content.1' });
    const video = { role: 'user', content: [{ type: 'video_url', video_url: { url: 'x' } }] };
    await expect(convert({ messages: [video] })).rejects.toThrow(RefractError);
    const badData = { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,@@@' } }] };
    await expect(convert({ messages: [badData] })).rejects.toThrow(/messages\.0\.content\.0/);
  });

  it('wraps tool-call arguments that are not a JSON object, with a warning', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{broken' } }] },
        { role: 'tool', tool_call_id: 'a', content: 'ok' },
      ],
    });
    expect(body.contents[1]?.parts[0]).toEqual({ functionCall: { name: 'f', args: { raw_arguments: '{broken' } } });
    expect(warnings[0]?.parameter).toBe('messages.1.tool_calls.0.function.arguments');
  });
});

describe('convertToGeminiRequest: parameters', () => {
  const tools = [
    {
      type: 'function',
      function: {
        name: 'weather',
        description: 'Current weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
        strict: true,
      },
    },
    { type: 'function', function: { name: 'clock', parameters: { type: 'object', properties: {} } } },
  ];

  it('maps generation parameters, tools, tool_choice and JSON schema output', async () => {
    const { body, warnings } = await convert({
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 50,
      max_completion_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      seed: 7,
      n: 2,
      stop: ['END', 'STOP'],
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      tools,
      tool_choice: { type: 'function', function: { name: 'weather' } },
      response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object', properties: { t: { type: 'number' } } } } },
      reasoning_effort: 'low',
    });
    expect(body.generationConfig).toEqual({
      stopSequences: ['END', 'STOP'],
      maxOutputTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      seed: 7,
      candidateCount: 2,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { t: { type: 'number' } } },
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          { name: 'weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
          { name: 'clock' },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] } });
    expect(warnings.map((warning) => warning.parameter)).toEqual(['tools.0.function.strict', 'tools.0.function.parameters']);
    expect(warnings[1]?.message).toContain('additionalProperties');
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['none', { mode: 'NONE' }],
    ['required', { mode: 'ANY' }],
  ])('tool_choice %s → %o', async (choice, config) => {
    const { body } = await convert({ messages: [{ role: 'user', content: 'x' }], tools, tool_choice: choice });
    expect(body.toolConfig).toEqual({ functionCallingConfig: config });
  });

  it('sends schemas unchanged as parametersJsonSchema / responseJsonSchema in json-schema mode', async () => {
    const { body, warnings } = await convert(
      {
        messages: [{ role: 'user', content: 'x' }],
        tools: [tools[0]],
        response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object', additionalProperties: false } } },
      },
      { schemaMode: 'json-schema' },
    );
    expect(body.tools?.[0]?.functionDeclarations[0]?.parametersJsonSchema).toEqual(tools[0]?.function.parameters);
    expect(body.generationConfig).toEqual({ responseMimeType: 'application/json', responseJsonSchema: { type: 'object', additionalProperties: false } });
    expect(warnings.map((warning) => warning.parameter)).toEqual(['tools.0.function.strict']);
  });

  it('maps json_object, passes safety settings, and warns for every parameter Gemini cannot honour', async () => {
    const { body, warnings } = await convert(
      {
        messages: [{ role: 'user', content: 'x' }],
        response_format: { type: 'json_object' },
        logit_bias: { '50256': -100 },
        logprobs: true,
        parallel_tool_calls: false,
        user: 'u1',
        stream: true,
        temperature: null,
      },
      { safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }] },
    );
    expect(body.generationConfig).toEqual({ responseMimeType: 'application/json' });
    expect(body.safetySettings).toEqual([{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }]);
    expect(warnings.map((warning) => [warning.type, warning.parameter])).toEqual([
      ['unsupported-parameter', 'parallel_tool_calls'],
      // As in every adapter: a field the provider has no place for is warned about, even one that does not change the answer.
      ['unsupported-parameter', 'user'],
      ['unsupported-parameter', 'logit_bias'],
      ['unsupported-parameter', 'logprobs'],
    ]);
  });
});
