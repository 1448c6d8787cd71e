import { describe, expect, it } from 'vitest';
import { ProviderError } from './provider-error';
import { toOpenAIError } from './to-openai-error';

describe('ProviderError param', () => {
  it('names the request parameter at fault in error.param of the OpenAI body', () => {
    const error = new ProviderError({ provider: 'ollama', kind: 'bad_request', message: 'could not fetch the image at messages.1.content.0: HTTP 404', param: 'messages.1.content.0' });
    expect([error.param, error.status, error.retryable]).toEqual(['messages.1.content.0', 400, false]);
    expect(toOpenAIError(error).body.error).toMatchObject({ param: 'messages.1.content.0', message: '[ollama] could not fetch the image at messages.1.content.0: HTTP 404' });
  });

  it('leaves param null when none is given', () => {
    expect(toOpenAIError(new ProviderError({ provider: 'openai', kind: 'server', message: 'boom', providerStatus: 500 })).body.error.param).toBeNull();
  });
});
