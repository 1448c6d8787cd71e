import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProviderError } from '@refract/core';
import { sendJson, sleep, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { mockOrigin } from '../shared/testing/mock-origin';
import { firstNextError, socketCloseDelay } from '../shared/testing/stream-test-helpers';
import { ADAPTERS_UNDER_TEST } from './adapters-under-test';

/**
 * Issue 3, "Behaviour every adapter shares", the transport half, for all six adapters alike: every
 * call goes through the caller's `dispatcher`; the caller's `AbortSignal` is honoured before the
 * call and while waiting for the answer (the upstream socket closed within 100 ms); `timeoutMs`
 * bounds the wait for the response headers. (Mid-stream abort, idle-gap timeouts and split frames
 * are in each adapter's own socket suite, in its wire format.)
 */
let upstream: FakeUpstream;
let okBody: unknown = {};
let silent = false;
beforeAll(async () => {
  upstream = await startFakeUpstream(async (_request, response) => {
    if (silent) await sleep(3000);
    if (!response.destroyed) sendJson(response, 200, okBody);
  });
});
afterAll(async () => {
  await upstream.close();
});

describe.each(ADAPTERS_UNDER_TEST)('$name: the shared transport contract', (target) => {
  it('sends every call through the dispatcher it was given', async () => {
    const origin = mockOrigin('https://conformance.example.test');
    origin.reply({ path: () => true, method: /GET|POST/ }, { status: 200, body: JSON.stringify(target.okBody), headers: { 'content-type': 'application/json' } });
    const adapter = target.create('https://conformance.example.test', { dispatcher: origin.agent });
    const { response } = await adapter.chat(target.request);
    expect(response.choices[0]?.message.content).toBe('ok');
    expect(origin.calls).toHaveLength(1);
    await origin.close();
  });

  it('sends nothing when the signal is already aborted (chat and stream)', async () => {
    silent = false;
    const adapter = target.create(upstream.url);
    const before = upstream.requests.length;
    const controller = new AbortController();
    controller.abort();
    const chat = await adapter.chat(target.request, { signal: controller.signal }).catch((error: unknown) => error);
    const stream = await firstNextError(adapter.stream(target.request, { signal: controller.signal }));
    for (const error of [chat, stream]) expect(isProviderError(error) && error.kind).toBe('aborted');
    expect(upstream.requests.length).toBe(before);
  });

  it.each(['chat', 'stream'] as const)('%s: an abort while waiting for the answer is `aborted`, and closes the socket within 100 ms', async (mode) => {
    silent = true;
    okBody = target.okBody;
    const adapter = target.create(upstream.url);
    const controller = new AbortController();
    const abortedAt = new Promise<number>((resolve) =>
      setTimeout(() => {
        const at = performance.now();
        controller.abort();
        resolve(at);
      }, 100),
    );
    const error =
      mode === 'chat'
        ? await adapter.chat(target.request, { signal: controller.signal }).catch((caught: unknown) => caught)
        : await firstNextError(adapter.stream(target.request, { signal: controller.signal }));
    expect(isProviderError(error) && error.kind).toBe('aborted');
    expect(await socketCloseDelay(upstream, await abortedAt)).toBeLessThan(100);
  });

  it.each(['chat', 'stream'] as const)('%s: no response headers within timeoutMs is a retryable timeout', async (mode) => {
    silent = true;
    const adapter = target.create(upstream.url, { timeoutMs: 150 });
    const started = performance.now();
    const error = mode === 'chat' ? await adapter.chat(target.request).catch((caught: unknown) => caught) : await firstNextError(adapter.stream(target.request));
    expect(isProviderError(error) && [error.kind, error.retryable]).toEqual(['timeout', true]);
    expect(performance.now() - started).toBeLessThan(2500);
  });
});
