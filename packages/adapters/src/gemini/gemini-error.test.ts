import { describe, expect, it } from 'vitest';
import { geminiError, parseGeminiErrorBody } from './gemini-error';
import { readJsonFixture } from './test-fixtures';

describe('Gemini errors', () => {
  it('reads code, status, message and the RetryInfo delay', () => {
    expect(parseGeminiErrorBody(readJsonFixture('google-429-retry-info.json'))).toEqual({
      code: 429,
      message: 'You exceeded your current quota, please check your plan.',
      status: 'RESOURCE_EXHAUSTED',
      retryDelayMs: 34_400,
    });
    expect(parseGeminiErrorBody([{ error: { code: 503, message: 'x', status: 'UNAVAILABLE' } }])).toMatchObject({ code: 503, status: 'UNAVAILABLE' });
    expect(parseGeminiErrorBody('not json')).toEqual({});
  });

  it('prefers the retry-after header over RetryInfo', () => {
    const body = parseGeminiErrorBody(readJsonFixture('google-429-retry-info.json'));
    expect(geminiError('gemini', 429, body, 5_000).retryAfterMs).toBe(5_000);
    expect(geminiError('gemini', 429, body).retryAfterMs).toBe(34_400);
  });

  it.each([
    ['The input token count (1290044) exceeds the maximum number of tokens allowed (1048576).', 1_048_576],
    ['Unable to submit request because the input token count is 1290044 but model only supports up to 1048576. Reduce the input token count and try again.', 1_048_576],
    ['Request exceeds the maximum number of tokens', undefined],
  ])('recognises context overflow: %s', (message, window) => {
    const error = geminiError('gemini', 400, { code: 400, status: 'INVALID_ARGUMENT', message });
    expect(error.kind).toBe('context_overflow');
    expect(error.contextWindow).toBe(window);
    expect(error.retryable).toBe(false);
  });

  it.each([
    [400, { status: 'INVALID_ARGUMENT', message: 'API key not valid. Please pass a valid API key.', reason: 'API_KEY_INVALID' }, 'auth', false],
    [403, { status: 'PERMISSION_DENIED', message: 'Permission denied' }, 'permission', false],
    [404, { status: 'NOT_FOUND', message: 'models/nope is not found' }, 'not_found', false],
    [400, { status: 'INVALID_ARGUMENT', message: 'Invalid JSON payload' }, 'bad_request', false],
    [500, { status: 'INTERNAL', message: 'An internal error has occurred.' }, 'server', true],
    [503, { status: 'UNAVAILABLE', message: 'The service is currently unavailable.' }, 'server', true],
    [503, { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' }, 'overloaded', true],
    [504, { status: 'DEADLINE_EXCEEDED', message: 'Deadline expired before operation could complete.' }, 'timeout', true],
    [429, { status: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted' }, 'rate_limit', true],
  ])('HTTP %i %o → %s (retryable %s)', (status, body, kind, retryable) => {
    const error = geminiError('gemini', status, body);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.providerCode).toBe(body.status);
  });
});
