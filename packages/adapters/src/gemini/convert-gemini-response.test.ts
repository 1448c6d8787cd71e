import { ProviderError } from '@refract/core';
import { describe, expect, it } from 'vitest';
import { convertGeminiResponse } from './convert-gemini-response';
import type { GeminiResponse } from './gemini-api-types';
import { mapGeminiFinishReason } from './map-gemini-finish-reason';
import { usageFromGemini } from './map-gemini-usage';

const convert = (body: GeminiResponse) => convertGeminiResponse(body, { provider: 'gemini', model: 'gemini-2.5-flash' });

describe('convertGeminiResponse', () => {
  it('answers a prompt blocked by safety with finish content_filter and a warning, not a crash', () => {
    const { response, warnings } = convert({
      promptFeedback: { blockReason: 'PROHIBITED_CONTENT', safetyRatings: [] },
      usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 },
      modelVersion: 'gemini-2.5-flash',
    });
    expect(response.choices).toEqual([{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'content_filter' }]);
    expect(response.usage).toEqual({ prompt_tokens: 12, completion_tokens: 0, total_tokens: 12 });
    expect(warnings).toEqual([{ type: 'content-filtered', parameter: 'messages', message: 'Gemini blocked the prompt (PROHIBITED_CONTENT)' }]);
  });

  it('maps each candidate to a choice (n > 1), thoughts to reasoning_content, and keeps Gemini function call ids', () => {
    const { response } = convert({
      candidates: [
        { index: 0, content: { parts: [{ text: 'Let me think.', thought: true }, { text: 'Paris.' }] }, finishReason: 'STOP' },
        { index: 1, content: { parts: [{ functionCall: { id: 'fc-7', name: 'lookup', args: { q: 'capital of France' } } }] }, finishReason: 'STOP' },
      ],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 8, thoughtsTokenCount: 5, cachedContentTokenCount: 4 },
    });
    expect(response.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'Paris.', reasoning_content: 'Let me think.' },
      finish_reason: 'stop',
    });
    expect(response.choices[1]?.message.tool_calls).toEqual([{ id: 'fc-7', type: 'function', function: { name: 'lookup', arguments: '{"q":"capital of France"}' } }]);
    expect(response.choices[1]?.finish_reason).toBe('tool_calls');
    expect(response.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 13,
      total_tokens: 23,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 5 },
    });
  });

  it('warns about finish reasons and output parts a chat completion cannot express', () => {
    const { response, warnings } = convert({
      candidates: [
        {
          content: { parts: [{ text: 'Here: ' }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }, { inlineData: { mimeType: 'image/png', data: 'BBBB' } }] },
          finishReason: 'MALFORMED_FUNCTION_CALL',
          finishMessage: 'Malformed function call: print(',
        },
      ],
    });
    expect(response.choices[0]?.message.content).toBe('Here: ');
    expect(response.choices[0]?.finish_reason).toBe('stop');
    expect(warnings).toEqual([
      { type: 'other', message: 'Gemini returned an output part of type inlineData, which a chat completion cannot carry; it was left out' },
      { type: 'other', parameter: 'finish_reason', message: 'Gemini finished with MALFORMED_FUNCTION_CALL: Malformed function call: print(' },
    ]);
  });

  it('throws an in-band error body as a ProviderError', () => {
    expect(() => convert({ error: { code: 500, message: 'boom', status: 'INTERNAL' } })).toThrow(ProviderError);
  });
});

describe('mapGeminiFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'stop'],
    ['OTHER', false, 'stop'],
    ['SOMETHING_NEW', false, 'stop'],
  ])('%s (tool calls: %s) → %s', (reason, hasToolCalls, expected) => {
    const mapping = mapGeminiFinishReason(reason, hasToolCalls);
    expect(mapping.finishReason).toBe(expected);
    expect(mapping.warning === undefined).toBe(reason === 'STOP' || reason === 'MAX_TOKENS');
  });
});

describe('usageFromGemini', () => {
  it('counts thoughts as output and tool-use prompt tokens as input, and ignores count-less metadata', () => {
    expect(usageFromGemini({ promptTokenCount: 100, toolUsePromptTokenCount: 20, candidatesTokenCount: 30, thoughtsTokenCount: 50, totalTokenCount: 200 })).toEqual({
      inputTokens: 120,
      outputTokens: 80,
      reasoningTokens: 50,
    });
    expect(usageFromGemini({ trafficType: 'ON_DEMAND' } as never)).toBeUndefined();
    expect(usageFromGemini(undefined)).toBeUndefined();
  });
});
