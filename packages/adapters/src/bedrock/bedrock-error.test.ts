import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '@refract/core';
import { bedrockProviderError, normalizeErrorType } from './bedrock-error';
import { createBedrockAdapter } from './index';
import { MODEL, mockBedrock, testOptions } from './bedrock-test-kit';

const error = (status: number | undefined, errorType: string | undefined, message: string): ProviderError =>
  bedrockProviderError({ provider: 'bedrock', status, errorType, message });

describe('bedrockProviderError', () => {
  it.each([
    [400, 'ValidationException', 'Input is too long for requested model.', 'context_overflow'],
    [400, 'ValidationException', 'The model returned the following errors: prompt is too long: 210183 tokens > 200000 maximum', 'context_overflow'],
    [400, 'ValidationException', 'too many input tokens', 'context_overflow'],
    [400, 'ValidationException', 'input length and `max_tokens` exceed context limit: 197928 + 8192 > 200000, decrease input length or `max_tokens` and try again', 'context_overflow'],
    [400, 'ValidationException', 'The maximum tokens you requested exceeds the model limit of 8192', 'max_tokens'],
    [400, 'ValidationException', 'messages: text content blocks must be non-empty', 'bad_request'],
    [429, 'ThrottlingException', 'Too many tokens, please wait before trying again.', 'rate_limit'],
    [429, 'ThrottlingException', 'Too many requests, please wait before trying again.', 'rate_limit'],
    [429, undefined, 'Too many tokens, please wait before trying again.', 'rate_limit'],
    [400, 'ServiceQuotaExceededException', 'Your request exceeds the service quota for your account.', 'rate_limit'],
    [503, 'ServiceUnavailableException', 'Bedrock is unable to process your request.', 'overloaded'],
    [429, 'ModelNotReadyException', 'The model is not ready to serve inference requests.', 'overloaded'],
    [500, 'InternalServerException', 'Internal server error', 'server'],
    [424, 'ModelErrorException', 'The model failed', 'server'],
    [408, 'ModelTimeoutException', 'The request took too long to process.', 'timeout'],
    [403, 'AccessDeniedException', "You don't have access to the model with the specified model ID.", 'permission'],
    [403, 'UnrecognizedClientException', 'The security token included in the request is invalid.', 'auth'],
    [403, 'ExpiredTokenException', 'The security token included in the request is expired', 'auth'],
    [404, 'ResourceNotFoundException', 'Model not found', 'not_found'],
  ] as const)('HTTP %i %s %j → %s', (status, type, message, kind) => {
    const result = error(status, type, message);
    expect(result.kind).toBe(kind);
    expect(result.providerStatus).toBe(status);
    expect(result.providerCode).toBe(type);
    expect(result.message).toContain(message);
  });

  it('marks throttling, overload and server errors retryable and validation errors not', () => {
    expect(error(429, 'ThrottlingException', 'slow down').retryable).toBe(true);
    expect(error(503, 'ServiceUnavailableException', 'busy').retryable).toBe(true);
    expect(error(429, 'ModelNotReadyException', 'warming up').retryable).toBe(true);
    expect(error(400, 'ValidationException', 'bad').retryable).toBe(false);
    expect(error(400, 'ValidationException', 'Input is too long for requested model.').retryable).toBe(false);
  });

  it.each([
    ['throttlingException', 'rate_limit'],
    ['modelStreamErrorException', 'server'],
    ['internalServerException', 'server'],
    ['serviceUnavailableException', 'overloaded'],
    ['validationException', 'bad_request'],
  ] as const)('classifies the stream exception %s as %s', (type, kind) => {
    expect(bedrockProviderError({ provider: 'bedrock', errorType: type, message: 'x', inStream: true }).kind).toBe(kind);
  });

  it('recognises a context overflow inside a stream validationException and keeps the window', () => {
    const result = bedrockProviderError({ provider: 'bedrock', errorType: 'validationException', message: 'prompt is too long: 250000 tokens > 200000 maximum', inStream: true });
    expect(result.kind).toBe('context_overflow');
    expect(result.contextWindow).toBe(200000);
  });

  it('strips the namespace and URI from error types', () => {
    expect(normalizeErrorType('ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/')).toBe('ValidationException');
    expect(normalizeErrorType('com.amazon.coral.service#ThrottlingException')).toBe('ThrottlingException');
    expect(normalizeErrorType(undefined)).toBeUndefined();
  });
});

describe('HTTP errors through the adapter', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
  await close?.();
  close = undefined;
});

  const call = async (status: number, body: string, headers: Record<string, string>): Promise<ProviderError> => {
    const mock = mockBedrock();
    close = () => mock.agent.close();
    mock.reply('converse', status, body, headers);
    const adapter = createBedrockAdapter(testOptions({ dispatcher: mock.agent }));
    return adapter.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).then(
      () => {
        throw new Error('expected an error');
      },
      (thrown: unknown) => thrown as ProviderError,
    );
  };

  it('reads the type from x-amzn-errortype and the message from the body', async () => {
    const thrown = await call(400, '{"message":"Input is too long for requested model."}', {
      'content-type': 'application/json',
      'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/',
    });
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({ kind: 'context_overflow', providerStatus: 400, providerCode: 'ValidationException', code: 'REFRACT_ERR_CONTEXT_TOO_LARGE' });
  });

  it('reads Message (capitalised) and __type from the body', async () => {
    const thrown = await call(403, '{"__type":"com.amazon.coral.service#UnrecognizedClientException","Message":"The security token included in the request is invalid."}', {
      'content-type': 'application/json',
    });
    expect(thrown).toMatchObject({ kind: 'auth', providerCode: 'UnrecognizedClientException' });
    expect(thrown.message).toContain('security token');
  });

  it('explains an HTML page from a proxy', async () => {
    const thrown = await call(502, '<!DOCTYPE html><html><head><title>Access blocked</title></head></html>', { 'content-type': 'text/html' });
    expect(thrown.kind).toBe('server');
    expect(thrown.message).toContain("an HTML page ('Access blocked')");
  });
});
