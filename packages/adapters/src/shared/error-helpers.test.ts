import { describe, expect, it } from 'vitest';
import { toNetworkError } from './http';
import { errorFromResponse } from './provider-http-error';

describe('shared error helpers', () => {
  it('classifies the reason of an AbortSignal.timeout() as a timeout', () => {
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(toNetworkError('p', reason).kind).toBe('timeout');
    expect(toNetworkError('p', new Error('socket hang up')).kind).toBe('network');
  });

  it('lets a body parser mark a failure as not retryable', async () => {
    const body = (async function* () {
      yield new TextEncoder().encode('{"error":{"message":"quota","code":"insufficient_quota"}}');
    })();
    const response = { status: 429, headers: {}, body: Object.assign(body, { destroy: () => undefined }) } as never;
    const error = await errorFromResponse('p', response, () => ({ message: 'quota', code: 'insufficient_quota', retryable: false }));
    expect([error.kind, error.retryable]).toEqual(['rate_limit', false]);
  });
});
