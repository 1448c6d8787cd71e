import { describe, expect, it } from 'vitest';
import { parseChatRequest } from '@refract/core';
import { anthropicModelProfile } from './anthropic-model-profile';
import { convertToAnthropicRequest } from './convert-to-anthropic-request';

function convert(model: string, request: Record<string, unknown>) {
  const parsed = parseChatRequest({ model, messages: [{ role: 'user', content: 'Think.' }], ...request });
  return convertToAnthropicRequest(parsed, anthropicModelProfile(model));
}

describe('reasoning_effort → thinking', () => {
  it.each([
    ['minimal', 1024],
    ['low', 2048],
    ['medium', 8192],
    ['high', 16_384],
  ])('budgeted models: %s → budget_tokens %i, added on top of a defaulted max_tokens', (effort, budget) => {
    const { body } = convert('claude-sonnet-4-5-20250929', { reasoning_effort: effort });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
    expect(body.max_tokens).toBe(16_384 + budget);
  });

  it('budgeted models: a caller max_tokens is the total; a budget that does not fit is lowered, with a warning', () => {
    const fits = convert('claude-3-7-sonnet-20250219', { reasoning_effort: 'low', max_tokens: 4000 });
    expect(fits.body).toMatchObject({ max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2048 } });
    expect(fits.warnings).toEqual([]);

    const lowered = convert('claude-opus-4-1-20250805', { reasoning_effort: 'high', max_completion_tokens: 6000 });
    expect(lowered.body).toMatchObject({ max_tokens: 6000, thinking: { type: 'enabled', budget_tokens: 3000 } });
    expect(lowered.warnings).toContainEqual(expect.objectContaining({ type: 'parameter-changed', parameter: 'reasoning_effort' }));

    const tooSmall = convert('claude-sonnet-4-20250514', { reasoning_effort: 'minimal', max_tokens: 800 });
    expect(tooSmall.body.thinking).toBeUndefined();
    expect(tooSmall.warnings[0]?.message).toMatch(/turned off/);
  });

  it('adaptive models: thinking {type: adaptive} and output_config.effort; minimal becomes low with a warning', () => {
    const high = convert('claude-opus-4-6', { reasoning_effort: 'high', max_tokens: 2000 });
    expect(high.body).toMatchObject({ max_tokens: 2000, thinking: { type: 'adaptive' }, output_config: { effort: 'high' } });
    const minimal = convert('claude-opus-5', { reasoning_effort: 'minimal', max_tokens: 2000 });
    expect(minimal.body.output_config).toEqual({ effort: 'low' });
    expect(minimal.warnings).toContainEqual(expect.objectContaining({ parameter: 'reasoning_effort', type: 'parameter-changed' }));
  });

  it('models without thinking: a warning and nothing sent', () => {
    const { body, warnings } = convert('claude-3-5-haiku-20241022', { reasoning_effort: 'high', max_tokens: 100 });
    expect(body.thinking).toBeUndefined();
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported-parameter', parameter: 'reasoning_effort' })]);
  });

  it('drops sampling values Anthropic forbids while thinking, with warnings', () => {
    const { body, warnings } = convert('claude-sonnet-4-5', { reasoning_effort: 'low', max_tokens: 5000, temperature: 0.2, top_p: 0.5, top_k: 10 });
    expect(body.temperature).toBeUndefined();
    expect(body.top_p).toBeUndefined();
    expect(body.top_k).toBeUndefined();
    expect(warnings.map((warning) => warning.parameter)).toEqual(['temperature', 'top_p', 'top_k']);
  });

  it('turns thinking off when tool_choice forces a tool', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const { body, warnings } = convert('claude-sonnet-4-5', { reasoning_effort: 'low', max_tokens: 5000, tools, tool_choice: 'required' });
    expect(body.thinking).toBeUndefined();
    expect(warnings[0]?.message).toMatch(/forces a tool/);
  });

  it('turns thinking off when the last assistant tool call lost its thinking blocks, keeps it when they came back', () => {
    const messages = (assistant: Record<string, unknown>) => [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{}' } }], ...assistant },
      { role: 'tool', tool_call_id: 't', content: 'r' },
    ];
    const lost = convert('claude-sonnet-4-5', { reasoning_effort: 'low', max_tokens: 5000, messages: messages({}) });
    expect(lost.body.thinking).toBeUndefined();
    expect(lost.warnings[0]?.message).toMatch(/thinking_blocks/);
    const kept = convert('claude-sonnet-4-5', {
      reasoning_effort: 'low',
      max_tokens: 5000,
      messages: messages({ thinking_blocks: [{ type: 'thinking', thinking: 'x', signature: 's' }] }),
    });
    expect(kept.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
  });

  it('sends a native thinking object as is; it wins over reasoning_effort', () => {
    const { body, warnings } = convert('claude-sonnet-4-5', { thinking: { type: 'enabled', budget_tokens: 3000 }, reasoning_effort: 'high', max_tokens: 9000 });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 3000 });
    expect(warnings).toContainEqual(expect.objectContaining({ parameter: 'reasoning_effort' }));
  });
});

describe('response_format', () => {
  const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
  const jsonSchema = { type: 'json_schema', json_schema: { name: 'person', schema } };

  it('uses output_config.format on models with JSON-schema output', () => {
    const { body, context } = convert('claude-sonnet-4-5-20250929', { response_format: jsonSchema, max_tokens: 100 });
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(body.tools).toBeUndefined();
    expect(context).toEqual({});
  });

  it('uses a forced tool on older models and remembers its name for the response', () => {
    const { body, context } = convert('claude-3-5-sonnet-20241022', { response_format: jsonSchema, max_tokens: 100 });
    expect(body.tools).toEqual([{ name: 'person', description: expect.any(String), input_schema: schema }]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'person' });
    expect(context).toEqual({ jsonToolName: 'person' });
  });

  it('with caller tools on older models: tool_choice any, a renamed JSON tool when names clash', () => {
    const tools = [{ type: 'function', function: { name: 'person', parameters: { type: 'object' } } }];
    const { body, context, warnings } = convert('claude-3-haiku-20240307', { response_format: jsonSchema, tools, max_tokens: 100 });
    expect(body.tools?.map((tool) => tool.name)).toEqual(['person', 'person_2']);
    expect(body.tool_choice).toEqual({ type: 'any' });
    expect(context.jsonToolName).toBe('person_2');
    expect(warnings).toContainEqual(expect.objectContaining({ parameter: 'tool_choice', type: 'parameter-changed' }));
  });

  it('json_object gives a warning (Anthropic has no JSON mode)', () => {
    const { body, warnings } = convert('claude-sonnet-4-5', { response_format: { type: 'json_object' }, max_tokens: 100 });
    expect(body.output_config).toBeUndefined();
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported-parameter', parameter: 'response_format' })]);
  });

  it('strict tools are kept on models that support them and warned about elsewhere', () => {
    const tools = [{ type: 'function', function: { name: 'f', strict: true, parameters: { type: 'object' } } }];
    expect(convert('claude-sonnet-4-5', { tools, max_tokens: 10 }).body.tools?.[0]?.strict).toBe(true);
    const old = convert('claude-3-5-sonnet-latest', { tools, max_tokens: 10 });
    expect(old.body.tools?.[0]?.strict).toBeUndefined();
    expect(old.warnings).toContainEqual(expect.objectContaining({ parameter: 'tools.function.strict' }));
  });
});
