import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { openAIInBandError, parseOpenAIErrorBody } from './openai-error';
import { OpenAIStreamMapper } from './openai-stream-parts';
import { normalizeOpenAIUsage } from './openai-usage';

describe('parseOpenAIErrorBody', () => {
  it.each([
    ['OpenAI', { error: { message: 'Invalid model', type: 'invalid_request_error', code: 'model_not_found' } }, { message: 'Invalid model', type: 'invalid_request_error', code: 'model_not_found' }],
    ['vLLM / Mistral top level', { object: 'error', message: 'max_tokens too large', type: 'BadRequestError', code: 400 }, { message: 'max_tokens too large', type: 'BadRequestError', code: '400' }],
    ['FastAPI detail', { detail: 'Not Found' }, { message: 'Not Found' }],
    ['plain string error', { error: 'model is loading' }, { message: 'model is loading' }],
    ['insufficient_quota', { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } }, { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota', retryable: false }],
  ])('%s', (_name, body, expected) => {
    expect(parseOpenAIErrorBody(body)).toEqual(expected);
  });

  it('uses a numeric code of an in-band error as its status', () => {
    const error = openAIInBandError('p', { error: { message: 'upstream timed out', code: 504 } });
    expect([error.kind, error.providerStatus, error.retryable]).toEqual(['server', 504, true]);
  });
});

describe('normalizeOpenAIUsage', () => {
  it('fills total_tokens and keeps vendor detail fields', () => {
    expect(normalizeOpenAIUsage({ prompt_tokens: 3, completion_tokens: 4, queue_time: 0.1 })).toEqual({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, queue_time: 0.1 });
  });

  it("reads DeepSeek's prompt_cache_hit_tokens when cached_tokens is absent", () => {
    expect(normalizeOpenAIUsage({ prompt_tokens: 100, completion_tokens: 5, total_tokens: 105, prompt_cache_hit_tokens: 64 })?.prompt_tokens_details).toEqual({ cached_tokens: 64 });
  });

  it('adds reasoning tokens to completion_tokens only when the server counted them outside (xAI)', () => {
    const outside = { prompt_tokens: 12, completion_tokens: 1, total_tokens: 303, completion_tokens_details: { reasoning_tokens: 290 } };
    const inside = { prompt_tokens: 17, completion_tokens: 1107, total_tokens: 1124, completion_tokens_details: { reasoning_tokens: 963 } };
    expect(normalizeOpenAIUsage(outside)?.completion_tokens).toBe(291);
    expect(normalizeOpenAIUsage(inside)?.completion_tokens).toBe(1107);
  });

  it('returns undefined for null or token-less usage', () => {
    expect(normalizeOpenAIUsage(null)).toBeUndefined();
    expect(normalizeOpenAIUsage({ queue_time: 1 })).toBeUndefined();
  });
});

describe('mapOpenAIFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['tool_calls', 'tool_calls'],
    ['eos', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['something_new', 'stop'],
    [null, null],
    ['', null],
  ])('%s → %s', (reason, expected) => {
    expect(mapOpenAIFinishReason(reason)).toBe(expected);
  });
});

describe('OpenAIStreamMapper edge events', () => {
  it('treats a non-JSON `event: error` as an in-band error, not a decode error', () => {
    const { parts, done } = new OpenAIStreamMapper({ provider: 'p' }).event('upstream overloaded, retry later', 'error');
    expect(done).toBe(true);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'server' } });
  });

  it('reports a [DONE] without any completion chunk as a decode error', () => {
    const { parts } = new OpenAIStreamMapper({ provider: 'p' }).event('[DONE]');
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'decode' } });
  });
});
