import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '@refract/core';
import { anthropicStreamError, parseLimitSum } from './anthropic-error';
import { mockAnthropic, simpleRequest, type AnthropicMock } from './testing/mock-anthropic';

let mock: AnthropicMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function chatError(status: number, body: unknown, headers: Record<string, string> = {}): Promise<ProviderError> {
  mock = mockAnthropic();
  mock.reply({ status, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  const error = await mock.adapter.chat(simpleRequest()).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message }, request_id: 'req_011' });

describe('Anthropic HTTP errors', () => {
  it('recognises "prompt is too long" as context overflow with the window', async () => {
    const error = await chatError(400, anthropicError('invalid_request_error', 'prompt is too long: 208310 tokens > 200000 maximum'));
    expect(error).toMatchObject({ kind: 'context_overflow', providerStatus: 400, providerCode: 'invalid_request_error', contextWindow: 200_000, retryable: false });
  });

  it('recognises "input length and max_tokens exceed context limit" as context overflow with the window', async () => {
    const error = await chatError(
      400,
      anthropicError('invalid_request_error', 'input length and `max_tokens` exceed context limit: 188059 + 20000 > 200000, decrease input length or `max_tokens` and try again'),
    );
    expect(error).toMatchObject({ kind: 'context_overflow', contextWindow: 200_000 });
  });

  it('maps 529 overloaded_error to overloaded, retryable, with retry-after', async () => {
    const error = await chatError(529, anthropicError('overloaded_error', 'Overloaded'), { 'retry-after': '3' });
    expect(error).toMatchObject({ kind: 'overloaded', retryable: true, retryAfterMs: 3000, providerStatus: 529 });
    expect(error.message).toContain('Overloaded');
  });

  it('maps 429 to rate_limit; without retry-after the exhausted limit reset time is used', async () => {
    const now = Date.now();
    const error = await chatError(429, anthropicError('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), {
      'anthropic-ratelimit-tokens-remaining': '0',
      'anthropic-ratelimit-tokens-reset': new Date(now + 20_000).toISOString(),
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': new Date(now + 60_000).toISOString(),
    });
    expect(error.kind).toBe('rate_limit');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBeGreaterThan(15_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(20_000);
  });

  it.each([
    [401, 'authentication_error', 'invalid x-api-key', 'auth', false],
    [403, 'permission_error', 'not allowed', 'permission', false],
    [404, 'not_found_error', 'model: claude-nope', 'not_found', false],
    [413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.', 'context_overflow', false],
    [500, 'api_error', 'Internal server error', 'server', true],
  ])('%i %s → %s', async (status, type, message, kind, retryable) => {
    const error = await chatError(status, anthropicError(type, message));
    expect(error).toMatchObject({ kind, retryable, providerStatus: status, providerCode: type });
  });

  it('keeps a non-JSON error body readable', async () => {
    const error = await chatError(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' });
    expect(error).toMatchObject({ kind: 'server', retryable: true });
    expect(error.message).toContain('Bad gateway');
  });

  it('treats an error body sent with status 200 as an error', async () => {
    const error = await chatError(200, anthropicError('overloaded_error', 'Overloaded'));
    expect(error.kind).toBe('overloaded');
  });

  it('refuses a 200 body that is not an Anthropic message with a decode error', async () => {
    const error = await chatError(200, { hello: 'world' });
    expect(error.kind).toBe('decode');
  });

  it('fails before sending anything when there are no credentials', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('ANTHROPIC_AUTH_TOKEN', '');
    try {
      mock = mockAnthropic({ apiKey: undefined, authToken: undefined });
      await expect(mock.adapter.chat(simpleRequest())).rejects.toMatchObject({ kind: 'auth' });
      expect(mock.sent).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('sends x-api-key, anthropic-version, anthropic-beta and extra headers; a bearer token when configured', async () => {
    mock = mockAnthropic({ apiKey: 'sk-ant-1', betas: ['context-1m-2025-08-07', 'files-api-2025-04-14'], headers: { 'X-Team': 'core' } });
    mock.reply({ body: JSON.stringify({ type: 'message', id: 'msg_1', model: 'm', content: [], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } }) });
    await mock.adapter.chat(simpleRequest(), { headers: { 'x-request-tag': 'abc' } });
    expect(mock.sentHeaders[0]).toMatchObject({
      'x-api-key': 'sk-ant-1',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'context-1m-2025-08-07,files-api-2025-04-14',
      'content-type': 'application/json',
      'x-team': 'core',
      'x-request-tag': 'abc',
    });
    await mock.close();

    vi.stubEnv('ANTHROPIC_API_KEY', '');
    try {
      mock = mockAnthropic({ apiKey: undefined, authToken: 'oauth-token', anthropicVersion: '2024-01-01' });
      mock.reply({ body: JSON.stringify({ type: 'message', id: 'msg_1', model: 'm', content: [], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } }) });
      await mock.adapter.chat(simpleRequest());
      expect(mock.sentHeaders[0]).toMatchObject({ authorization: 'Bearer oauth-token', 'anthropic-version': '2024-01-01' });
      expect(mock.sentHeaders[0]?.['x-api-key']).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('in-band stream errors', () => {
  it.each([
    ['overloaded_error', 'overloaded', true],
    ['api_error', 'server', true],
    ['rate_limit_error', 'rate_limit', true],
    ['invalid_request_error', 'bad_request', false],
  ])('%s → %s', (type, kind, retryable) => {
    const error = anthropicStreamError('anthropic', { type: 'error', error: { type, message: 'boom' } });
    expect(error).toMatchObject({ kind, retryable, providerCode: type });
    expect(error.providerStatus).toBeUndefined();
  });

  it('reads the context window from an in-band overflow', () => {
    expect(anthropicStreamError('anthropic', { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' } }))
      .toMatchObject({ kind: 'context_overflow' });
  });

  it('parses the limit from "a + b > limit"', () => {
    expect(parseLimitSum('exceed context limit: 188059 + 20000 > 200000, decrease')).toBe(200_000);
    expect(parseLimitSum('no numbers here')).toBeUndefined();
  });
});
