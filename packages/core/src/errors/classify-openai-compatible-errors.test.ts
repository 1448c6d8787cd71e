import { describe, expect, it } from 'vitest';
import { classifyProviderError, parseContextWindow } from './classify-provider-error';

/** Context-overflow wordings of OpenAI-compatible servers, as they send them. */
describe('classifyProviderError: OpenAI-compatible servers', () => {
  it.each([
    ['OpenAI', 400, 'context_length_exceeded', "This model's maximum context length is 128000 tokens. However, your messages resulted in 130532 tokens.", 128_000],
    ['vLLM', 400, undefined, "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion).", 4096],
    ['xAI', 400, undefined, "This model's maximum prompt length is 131072 but the request contains 140000 tokens.", 131_072],
    ['llama.cpp server', 400, 'exceed_context_size_error', 'the request exceeds the available context size, try increasing it', undefined],
    ['TGI / Together', 422, undefined, 'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 8193. Given: 9000 `inputs` tokens and 512 `max_new_tokens`', 8193],
    ['Mistral', 400, undefined, 'Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length', undefined],
  ])('%s: recognised as context_overflow', (_server, status, code, message, window) => {
    expect(classifyProviderError({ status, code, message })).toBe('context_overflow');
    expect(parseContextWindow(message)).toBe(window);
  });

  it('classifies in-band stream errors (no HTTP status) by their type', () => {
    expect(classifyProviderError({ type: 'server_error', message: 'The server had an error processing your request.' })).toBe('server');
    expect(classifyProviderError({ type: 'api_error', message: 'Internal server error' })).toBe('server');
    expect(classifyProviderError({ type: 'invalid_request_error', message: 'bad input' })).toBe('bad_request');
    expect(classifyProviderError({ message: 'something odd' })).toBe('unknown');
  });

  it('classifies a quota error without status (in a stream) as rate_limit', () => {
    expect(classifyProviderError({ code: 'insufficient_quota', type: 'insufficient_quota', message: 'You exceeded your current quota' })).toBe('rate_limit');
  });

  it('lets the HTTP status win over the type when both are known', () => {
    expect(classifyProviderError({ status: 400, type: 'server_error', message: 'odd' })).toBe('bad_request');
  });
});
