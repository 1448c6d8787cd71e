import { describe, expect, it } from 'vitest';
import { classifyProviderError } from './classify-provider-error';
import { ProviderError } from './provider-error';

/**
 * Issue 3: `retryable` for 408/409/429/5xx/network. The gateway retries by kind (a client-error
 * kind fails fast whatever its flag), so these statuses must map to kinds it retries.
 */
describe('classifyProviderError: retryable statuses map to retryable kinds', () => {
  it.each([
    [408, 'timeout'],
    [409, 'overloaded'],
    [429, 'rate_limit'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
    [504, 'server'],
    [529, 'overloaded'],
  ] as const)('%i → %s, retryable', (status, kind) => {
    expect(classifyProviderError({ status, message: 'something failed' })).toBe(kind);
    expect(new ProviderError({ provider: 'p', kind, message: 'x', providerStatus: status }).retryable).toBe(true);
  });

  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [403, 'permission'],
    [404, 'not_found'],
    [422, 'bad_request'],
  ] as const)('%i → %s, not retryable', (status, kind) => {
    expect(classifyProviderError({ status, message: 'something failed' })).toBe(kind);
    expect(new ProviderError({ provider: 'p', kind, message: 'x', providerStatus: status }).retryable).toBe(false);
  });
});
