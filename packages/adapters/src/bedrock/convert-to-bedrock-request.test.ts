import { describe, expect, it } from 'vitest';
import { parseChatRequest, type ChatRequest } from '@refract/core';
import type { ContentContext } from './bedrock-content';
import { convertToBedrockRequest } from './convert-to-bedrock-request';

const refuseUrls: ContentContext['loadImage'] = async (url) => {
  throw new Error(`unexpected fetch of ${url}`);
};

async function convert(request: Partial<ChatRequest> & { messages: ChatRequest['messages'] }, loadImage = refuseUrls) {
  return convertToBedrockRequest(parseChatRequest({ model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', ...request }), { loadImage });
}

describe('parameters', () => {
  it('maps max tokens, temperature, top_p and stop into inferenceConfig', async () => {
    const { body, warnings } = await convert({
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 100,
      max_completion_tokens: 200,
      temperature: 0.2,
      top_p: 0.9,
      stop: 'END',
    });
    expect(body.inferenceConfig).toEqual({ maxTokens: 200, temperature: 0.2, topP: 0.9, stopSequences: ['END'] });
    expect(warnings).toEqual([]);
  });

  it('warns about every parameter Converse cannot express, and only when set', async () => {
    const { body, warnings } = await convert({
      messages: [{ role: 'user', content: 'x' }],
      n: 2,
      presence_penalty: 0.5,
      frequency_penalty: 0,
      seed: 7,
      user: 'u1',
      logprobs: true,
      response_format: { type: 'json_object' },
      some_vendor_flag: true,
    } as never);
    expect(warnings.map((warning) => warning.parameter).sort()).toEqual(
      ['logprobs', 'n', 'presence_penalty', 'response_format', 'seed', 'some_vendor_flag', 'user'].sort(),
    );
    expect(warnings.every((warning) => warning.type === 'unsupported-parameter')).toBe(true);
    expect(body).not.toHaveProperty('outputConfig');
  });

  it('maps a json_schema response_format to outputConfig.textFormat with the schema as a string', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
    const { body } = await convert({
      messages: [{ role: 'user', content: 'x' }],
      response_format: { type: 'json_schema', json_schema: { name: 'person', description: 'A person', schema, strict: true } },
    });
    expect(body.outputConfig).toEqual({
      textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'person', description: 'A person' } } },
    });
  });

  it('maps metadata to requestMetadata and passes Bedrock-native fields through', async () => {
    const { body, warnings } = await convert({
      messages: [{ role: 'user', content: 'x' }],
      metadata: { tenant: 'acme' },
      guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1' },
      additionalModelRequestFields: { top_k: 5 },
    } as never);
    expect(body.requestMetadata).toEqual({ tenant: 'acme' });
    expect(body['guardrailConfig']).toEqual({ guardrailIdentifier: 'gr-1', guardrailVersion: '1' });
    expect(body.additionalModelRequestFields).toEqual({ top_k: 5 });
    expect(warnings).toEqual([]);
  });
});

describe('tools', () => {
  const tools: ChatRequest['tools'] = [
    { type: 'function', function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true } },
    { type: 'function', function: { name: 'no_params' } },
  ];

  it('turns functions into toolSpecs with their JSON schema', async () => {
    const { body } = await convert({ messages: [{ role: 'user', content: 'x' }], tools });
    expect(body.toolConfig).toEqual({
      tools: [
        { toolSpec: { name: 'get_weather', description: 'Weather by city', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } }, strict: true } },
        { toolSpec: { name: 'no_params', inputSchema: { json: { type: 'object', properties: {} } } } },
      ],
    });
  });

  it.each([
    ['auto', { auto: {} }],
    ['required', { any: {} }],
    [{ type: 'function', function: { name: 'get_weather' } }, { tool: { name: 'get_weather' } }],
  ] as const)('maps tool_choice %j', async (choice, expected) => {
    const { body, warnings } = await convert({ messages: [{ role: 'user', content: 'x' }], tools, tool_choice: choice as ChatRequest['tool_choice'] });
    expect(body.toolConfig?.toolChoice).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it("leaves the tools out for tool_choice 'none', with a warning", async () => {
    const { body, warnings } = await convert({ messages: [{ role: 'user', content: 'x' }], tools, tool_choice: 'none' });
    expect(body.toolConfig).toBeUndefined();
    expect(warnings).toEqual([expect.objectContaining({ type: 'parameter-changed', parameter: 'tool_choice' })]);
  });

  it("keeps the tools for 'none' when the history has tool calls (Bedrock requires them)", async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'sunny' },
      ],
      tools,
      tool_choice: 'none',
    });
    expect(body.toolConfig?.tools).toHaveLength(2);
    expect(body.toolConfig?.toolChoice).toBeUndefined();
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported-parameter', parameter: 'tool_choice' })]);
  });

  it('sends placeholder specs when the history has tool calls but no tools were sent', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'found' },
      ],
    });
    expect(body.toolConfig?.tools).toEqual([{ toolSpec: expect.objectContaining({ name: 'lookup', inputSchema: { json: { type: 'object' } } }) }]);
    expect(warnings).toEqual([expect.objectContaining({ parameter: 'tools' })]);
  });

  it('adds a placeholder, with a warning, for a history tool missing from tools', async () => {
    const { body, warnings } = await convert({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'old_tool', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'done' },
      ],
      tools,
    });
    expect(body.toolConfig?.tools.map((tool) => ('toolSpec' in tool ? tool.toolSpec.name : ''))).toEqual(['get_weather', 'no_params', 'old_tool']);
    expect(warnings).toEqual([expect.objectContaining({ type: 'parameter-changed', parameter: 'tools', message: expect.stringContaining('old_tool') })]);
  });

  it('rewrites tool names Bedrock rejects, consistently in tools, history and tool_choice', async () => {
    const { body, toolNames, warnings } = await convert({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'weather.get', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'ok' },
      ],
      tools: [
        { type: 'function', function: { name: 'weather.get' } },
        { type: 'function', function: { name: 'weather_get' } },
      ],
      tool_choice: { type: 'function', function: { name: 'weather.get' } },
    });
    const names = body.toolConfig?.tools.map((tool) => ('toolSpec' in tool ? tool.toolSpec.name : ''));
    expect(names).toEqual(['weather_get', 'weather_get_2']);
    expect(body.messages[1]?.content[0]?.toolUse?.name).toBe('weather_get');
    expect(body.toolConfig?.toolChoice).toEqual({ tool: { name: 'weather_get' } });
    expect(toolNames.fromBedrock('weather_get')).toBe('weather.get');
    expect(toolNames.fromBedrock('weather_get_2')).toBe('weather_get');
    expect(warnings.filter((warning) => warning.parameter === 'tools')).toHaveLength(2);
  });

  it('warns that parallel_tool_calls=false cannot be enforced', async () => {
    const { warnings } = await convert({ messages: [{ role: 'user', content: 'x' }], tools, parallel_tool_calls: false });
    expect(warnings).toEqual([expect.objectContaining({ parameter: 'parallel_tool_calls' })]);
  });
});

describe('reasoning_effort', () => {
  it('enables Anthropic thinking with a budget under max_tokens and drops sampling it forbids', async () => {
    const { body, warnings } = await convert({
      model: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      messages: [{ role: 'user', content: 'x' }],
      reasoning_effort: 'medium',
      max_tokens: 20000,
      temperature: 0.3,
      tools: [{ type: 'function', function: { name: 'f' } }],
      tool_choice: 'required',
    });
    expect(body.additionalModelRequestFields).toEqual({ thinking: { type: 'enabled', budget_tokens: 8192 } });
    expect(body.inferenceConfig).toEqual({ maxTokens: 20000 });
    expect(body.toolConfig?.toolChoice).toEqual({ auto: {} });
    expect(warnings.map((warning) => warning.parameter).sort()).toEqual(['temperature', 'tool_choice']);
  });

  it('sets maxTokens to budget plus room for the answer when the caller set none', async () => {
    const { body } = await convert({ model: 'anthropic.claude-sonnet-4-20250514-v1:0', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'high' });
    expect(body.additionalModelRequestFields).toEqual({ thinking: { type: 'enabled', budget_tokens: 16384 } });
    expect(body.inferenceConfig?.maxTokens).toBe(16384 + 8192);
  });

  it('lowers the budget to fit a small max_tokens, and gives up below the minimum', async () => {
    const small = await convert({ messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'high', max_tokens: 3000 });
    expect(small.body.additionalModelRequestFields).toEqual({ thinking: { type: 'enabled', budget_tokens: 2999 } });
    expect(small.warnings).toEqual([expect.objectContaining({ type: 'parameter-changed', parameter: 'reasoning_effort' })]);
    const tiny = await convert({ messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'low', max_tokens: 500 });
    expect(tiny.body.additionalModelRequestFields).toBeUndefined();
    expect(tiny.warnings).toEqual([expect.objectContaining({ type: 'unsupported-parameter', parameter: 'reasoning_effort' })]);
  });

  it('warns for models without a thinking mapping', async () => {
    const { body, warnings } = await convert({ model: 'meta.llama3-70b-instruct-v1:0', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'low' });
    expect(body.additionalModelRequestFields).toBeUndefined();
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported-parameter', parameter: 'reasoning_effort' })]);
  });
});
