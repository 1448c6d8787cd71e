import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProviderError, type ProviderAdapter, type ProviderError } from '@refract/core';
import { sendJson, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { firstNextError } from '../shared/testing/stream-test-helpers';
import { ADAPTERS_UNDER_TEST, type AdapterUnderTest } from './adapters-under-test';

/**
 * Issue 3, "Behaviour every adapter shares", checked for all six adapters alike over a real
 * socket: one ProviderError with the HTTP status, `retryable` for 408/409/429/5xx, `retryAfterMs`
 * from `retry-after-ms` and `retry-after`, context-window overflow recognised from the provider's
 * own wording (so the router upgrades the model), a throttle never taken for an overflow, and a
 * failure before the body thrown from `stream()`'s first `next()`.
 */
interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string> | undefined;
}

let upstream: FakeUpstream;
let next: Reply = { status: 500, body: {} };
beforeAll(async () => {
  upstream = await startFakeUpstream((_request, response) => sendJson(response, next.status, next.body, next.headers ?? {}));
});
afterAll(async () => {
  await upstream.close();
});

function replyWith(target: AdapterUnderTest, status: number, message: string, type: 'overflow' | 'throttle' | 'other', headers: Record<string, string> = {}): void {
  const reply = target.errorReply(message, type);
  next = { status, body: reply.body, headers: { ...reply.headers, ...headers } };
}

async function chatError(adapter: ProviderAdapter, target: AdapterUnderTest): Promise<ProviderError> {
  const error = await adapter.chat(target.request).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isProviderError(error)) throw new Error(`${target.name}: expected a ProviderError from chat(), got ${String(error)}`);
  return error;
}

async function streamError(adapter: ProviderAdapter, target: AdapterUnderTest): Promise<ProviderError> {
  const error = await firstNextError(adapter.stream(target.request));
  if (!isProviderError(error)) throw new Error(`${target.name}: expected a ProviderError from the first next(), got ${String(error)}`);
  return error;
}

describe.each(ADAPTERS_UNDER_TEST)('$name: the shared error contract', (target) => {
  let adapter: ProviderAdapter;
  beforeAll(() => {
    adapter = target.create(upstream.url);
  });

  it.each([408, 409, 429, 500, 502, 503, 504])('HTTP %i is a retryable ProviderError with that status (chat and stream)', async (status) => {
    replyWith(target, status, 'something failed upstream', 'other');
    for (const error of [await chatError(adapter, target), await streamError(adapter, target)]) {
      expect([error.providerStatus, error.retryable]).toEqual([status, true]);
      expect(['timeout', 'overloaded', 'rate_limit', 'server']).toContain(error.kind);
    }
  });

  it.each([400, 401, 403, 404])('HTTP %i is not retryable', async (status) => {
    replyWith(target, status, 'something is wrong with the request', 'other');
    const error = await chatError(adapter, target);
    expect([error.providerStatus, error.retryable]).toEqual([status, false]);
  });

  it('reads retry-after-ms, then retry-after, into retryAfterMs (chat and stream)', async () => {
    replyWith(target, 429, 'Rate limit reached; please retry', 'throttle', { 'retry-after-ms': '1500', 'retry-after': '9' });
    expect((await chatError(adapter, target)).retryAfterMs).toBe(1500);
    expect((await streamError(adapter, target)).retryAfterMs).toBe(1500);
    replyWith(target, 503, 'Service unavailable', 'other', { 'retry-after': '7' });
    expect((await chatError(adapter, target)).retryAfterMs).toBe(7000);
  });

  it('recognises its provider\'s context-window overflow, so the router can move to a larger model (chat and stream)', async () => {
    replyWith(target, 400, target.overflowMessage, 'overflow');
    for (const error of [await chatError(adapter, target), await streamError(adapter, target)]) {
      expect([error.kind, error.retryable, error.providerStatus]).toEqual(['context_overflow', false, 400]);
    }
  });

  it('never takes a throttle ("Too many tokens, please wait") for an overflow', async () => {
    replyWith(target, 429, 'Too many tokens, please wait before trying again.', 'throttle');
    const error = await chatError(adapter, target);
    expect([error.kind, error.retryable]).toEqual(['rate_limit', true]);
  });
});
