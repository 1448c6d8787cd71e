import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { scriptedAdapter, type ScriptedStep } from '@refract/test-support';
import { ManualClock } from '../clock/clock';
import { ProviderError } from '../errors/provider-error';
import { RefractError } from '../errors/refract-error';
import { createRouter } from '../router/create-router';
import type { StreamPart } from '../providers/stream-part';

const providers = [
  { id: 'primary', type: 'openai', models: ['gpt-4o-mini'] },
  { id: 'backup', type: 'openai', models: ['gpt-4.1-mini'] },
];
const request = { model: 'auto', messages: [{ role: 'user' as const, content: 'Say hello to the team in a friendly way, please.' }] };

function setup(primary: ScriptedStep[], backup: ScriptedStep[] = [{ reply: 'from backup' }], extra: Record<string, unknown> = {}) {
  const adapters = { primary: scriptedAdapter('primary', primary), backup: scriptedAdapter('backup', backup) };
  const router = createRouter({ providers, adapters, gateway: { retriesPerTarget: 1, backoff: { baseMs: 1, maxMs: 20 } }, ...extra });
  return { router, adapters };
}

describe('router.chat', () => {
  it('answers through the routed provider and enriches the response; the shown cost is the priced cost', async () => {
    const { router, adapters } = setup([{ reply: 'hello team', usage: { input: 1000, output: 200 } }]);
    const result = await router.chat(request);
    expect(result.served).toEqual({ provider: 'primary', model: 'gpt-4o-mini' });
    expect(result.response.choices[0]?.message.content).toBe('hello team');
    expect(result.response.auto_routing).toMatchObject({ model: 'gpt-4o-mini', provider: 'primary', requested_model: 'auto', mode: 'auto' });
    const expected = router.price({ provider: 'primary', model: 'gpt-4o-mini', baselineModel: undefined, routingCostUsd: 0 }, { inputTokens: 1000, outputTokens: 200 }, 'reported');
    expect(result.response.cost_info).toMatchObject({ input_tokens: 1000, output_tokens: 200, cost_usd: expected.costUsd, usage_source: 'reported' });
    expect(result.cost.costUsd).toBe(result.response.cost_info.cost_usd);
    expect(result.headers).toMatchObject({ 'x-refract-model': 'gpt-4o-mini', 'x-refract-provider': 'primary', 'x-refract-cost-usd': String(expected.costUsd) });
    expect(adapters.primary.calls[0]?.request.model).toBe('gpt-4o-mini');
    expect(adapters.primary.calls[0]?.options?.timeoutMs).toBe(120_000);
  });

  it('counts usage with the tokenizer when the provider reports none', async () => {
    const { router } = setup([{ reply: 'hello team, have a great day', usage: false }]);
    const result = await router.chat(request);
    expect(result.cost.usageSource).toBe('estimated');
    expect(result.usage.inputTokens).toBeGreaterThan(5);
    expect(result.usage.outputTokens).toBeGreaterThan(3);
    expect(result.response.usage?.completion_tokens).toBe(result.usage.outputTokens);
  });

  it('retries a retryable failure on the same target, then falls back', async () => {
    const retried = setup([{ fail: { kind: 'server', message: '500', providerStatus: 500 } }, { reply: 'second try' }]);
    expect((await retried.router.chat(request)).response.choices[0]?.message.content).toBe('second try');
    expect(retried.adapters.primary.calls).toHaveLength(2);

    const fellBack = setup([{ fail: { kind: 'overloaded', message: '529', providerStatus: 529 } }]);
    const result = await fellBack.router.chat(request);
    expect(result.served.provider).toBe('backup');
    expect(fellBack.adapters.primary.calls).toHaveLength(2);
    expect(result.attempts.map((attempt) => `${attempt.provider}:${attempt.outcome}`)).toEqual(['primary:error', 'primary:error', 'backup:success']);
    expect(result.response.auto_routing.fallbacks_tried).toEqual(['primary/gpt-4o-mini', 'primary/gpt-4o-mini']);
  });

  it('moves on at once when retry-after is longer than worth waiting, and honours a short one', async () => {
    const long = setup([{ fail: { kind: 'rate_limit', message: '429', providerStatus: 429, retryAfterMs: 60_000 } }]);
    const started = performance.now();
    expect((await long.router.chat(request)).served.provider).toBe('backup');
    expect(long.adapters.primary.calls).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);

    const short = setup([{ fail: { kind: 'rate_limit', message: '429', providerStatus: 429, retryAfterMs: 15 } }, { reply: 'ok' }]);
    const before = performance.now();
    expect((await short.router.chat(request)).served.provider).toBe('primary');
    expect(performance.now() - before).toBeGreaterThanOrEqual(14);
  });

  it("returns a client's bad request as is, without trying other providers", async () => {
    const { router, adapters } = setup([{ fail: { kind: 'bad_request', message: 'invalid tool schema', providerStatus: 400 } }]);
    await expect(router.chat(request)).rejects.toMatchObject({ kind: 'bad_request', status: 400 });
    expect(adapters.backup.calls).toHaveLength(0);
  });

  it('retries once with the output limit a provider names', async () => {
    const { router, adapters } = setup([{ fail: { kind: 'max_tokens', message: 'max_tokens is too large', maxTokensLimit: 4096 } }, { reply: 'clamped' }]);
    const result = await router.chat({ ...request, max_tokens: 10_000 });
    expect(result.response.choices[0]?.message.content).toBe('clamped');
    expect(adapters.primary.calls[1]?.request.max_tokens).toBe(4096);
  });

  it('moves to a larger window on context overflow, learning the window', async () => {
    const adapters = {
      small: scriptedAdapter('small', [{ fail: { kind: 'context_overflow', message: 'maximum context length is 8192 tokens', contextWindow: 8192 } }]),
      large: scriptedAdapter('large', [{ reply: 'fits now' }]),
    };
    const router = createRouter({
      providers: [
        { id: 'small', models: [{ id: 'tiny-ctx', tier: 'low', contextWindow: 128_000, pricing: { input: 0.1, output: 0.1 } }] },
        { id: 'large', models: [{ id: 'big-ctx', tier: 'low', contextWindow: 1_000_000, pricing: { input: 1, output: 1 } }] },
      ],
      adapters,
      routing: { maxFallbacks: 0 },
    });
    const long = { model: 'auto', messages: [{ role: 'user' as const, content: 'lorem ipsum dolor sit amet '.repeat(2000) }] };
    const result = await router.chat(long);
    expect(result.served.provider).toBe('large');
    expect(router.learnedWindows.get('small/tiny-ctx')).toBe(8192);
  });

  it('opens the circuit after repeated failures, skips it, and probes again after the cool-down', async () => {
    const clock = new ManualClock(1_000_000);
    const { router, adapters } = setup([{ fail: { kind: 'server', message: 'down', providerStatus: 503 } }], [{ reply: 'backup' }], {
      clock,
      gateway: { retriesPerTarget: 0, breaker: { failureThreshold: 2, cooldownMs: 10_000 } },
    });
    await router.chat(request);
    await router.chat(request);
    expect(router.gateway.breaker.state('primary/gpt-4o-mini')).toBe('open');
    const skipped = await router.chat(request);
    expect(adapters.primary.calls).toHaveLength(2);
    expect(skipped.served.provider).toBe('backup');
    clock.advance(10_001);
    expect(router.gateway.breaker.state('primary/gpt-4o-mini')).toBe('half-open');
    adapters.primary.calls.length = 0;
    const recovered = scriptedAdapter('primary', [{ reply: 'back up' }]);
    (router.adapters as Record<string, unknown>)['primary'] = recovered;
    const probe = await router.chat(request);
    expect(probe.served.provider).toBe('primary');
    expect(router.gateway.breaker.state('primary/gpt-4o-mini')).toBe('closed');
  });

  it('does not retry when the client aborts', async () => {
    const controller = new AbortController();
    const { router, adapters } = setup([{ hang: true }]);
    const pending = router.chat(request, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    expect(adapters.primary.calls).toHaveLength(1);
    expect(adapters.backup.calls).toHaveLength(0);
  });

  it('keeps a stream linked to the caller signal until it ends, and leaves no listener on a long-lived signal', async () => {
    const session = new AbortController();
    const parts: StreamPart[] = [{ type: 'stream-start' }, { type: 'text-delta', delta: 'one ' }, { type: 'text-delta', delta: 'two' }, { type: 'finish', finishReason: 'stop' }];
    const { router } = setup([{ reply: 'a' }, { reply: 'b' }, { stream: parts }, { stream: parts, delayMs: 30 }]);
    await router.chat(request, { signal: session.signal });
    await router.chat(request, { signal: session.signal });
    for await (const _chunk of await router.stream(request, { signal: session.signal })) {
      // drained
    }
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);

    // The provider call returned long ago; aborting the caller's signal still reaches the adapter.
    const execution = await router.stream(request, { signal: session.signal });
    const reading = (async () => {
      let chunks = 0;
      for await (const _chunk of execution) {
        chunks += 1;
        if (chunks === 2) session.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ kind: 'aborted' });
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
  });

  it('times out a call that never answers, even if the adapter ignores its timeout', async () => {
    const { router } = setup([{ hang: true }], [{ reply: 'backup answered' }], { gateway: { timeoutMs: 50, retriesPerTarget: 0 } });
    const result = await router.chat(request);
    expect(result.served.provider).toBe('backup');
    expect(result.attempts[0]).toMatchObject({ outcome: 'error', errorKind: 'timeout' });
  });

  it('injects the category target prompt as a stable first system message, leaving the client messages untouched', async () => {
    const { router, adapters } = setup([{ reply: 'ok' }, { reply: 'ok' }], undefined, {
      providers: [{ id: 'primary', models: ['gpt-4o-mini', 'gpt-4o'] }],
      tenants: [{ slug: 'acme', defaultSystemPrompt: 'Answer in the language of the user.' }],
    });
    const coding = { model: 'auto', messages: [{ role: 'system' as const, content: 'client prompt' }, { role: 'user' as const, content: 'Write a Python function that reverses a list' }] };
    await router.chat(coding, { tenant: 'acme' });
    await router.chat({ ...coding, messages: [coding.messages[0]!, { role: 'user' as const, content: 'Write a Python function that sorts a dict by value' }] }, { tenant: 'acme' });
    const [first, second] = adapters.primary.calls.map((call) => call.request.messages);
    expect(first?.[0]).toEqual(second?.[0]);
    expect(String(first?.[0]?.content)).toMatch(/^Answer in the language of the user\.\n\nYou are an expert software engineer/);
    expect(first?.[1]).toEqual(coding.messages[0]);
  });
});

const textStream = (text: string[], usage?: { inputTokens: number; outputTokens: number }): StreamPart[] => [
  { type: 'stream-start', id: 'up-1' },
  ...text.map((delta): StreamPart => ({ type: 'text-delta', delta })),
  { type: 'finish', finishReason: 'stop' },
  ...(usage ? [{ type: 'usage', usage } as StreamPart] : []),
];

describe('router.stream', () => {
  it('streams OpenAI chunks and ends with usage, auto_routing and cost_info', async () => {
    const { router } = setup([{ stream: textStream(['Hel', 'lo'], { inputTokens: 50, outputTokens: 2 }) }]);
    const execution = await router.stream({ ...request, stream: true });
    const chunks = [];
    for await (const chunk of execution) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks[1]?.choices[0]?.delta).toEqual({ content: 'Hel' });
    const last = chunks.at(-1) as Record<string, unknown> & { usage: { prompt_tokens: number } };
    expect(last['choices']).toEqual([]);
    expect(last.usage.prompt_tokens).toBe(50);
    expect(last['auto_routing']).toMatchObject({ provider: 'primary' });
    const summary = await execution.summary;
    expect(summary).toMatchObject({ status: 'success', usage: { inputTokens: 50, outputTokens: 2 } });
    expect((last['cost_info'] as { cost_usd: number }).cost_usd).toBe(summary.cost.costUsd);
  });

  it('counts stream output with the tokenizer when no usage arrives, priced like a JSON response', async () => {
    const { router } = setup([{ stream: textStream(['one two three four five six seven']) }]);
    const execution = await router.stream(request);
    for await (const _ of execution) void _;
    const summary = await execution.summary;
    expect(summary.cost.usageSource).toBe('estimated');
    expect(summary.usage.outputTokens).toBeGreaterThanOrEqual(7);
  });

  it('falls back before the first chunk, never after', async () => {
    // The provider fails with its first event: nothing was sent, so the backup answers.
    const before = setup([{ stream: [{ type: 'error', error: new ProviderError({ provider: 'primary', kind: 'server', message: 'boom' }) }] }], [{ stream: textStream(['from backup']) }], {
      gateway: { retriesPerTarget: 0 },
    });
    const execution = await before.router.stream(request);
    expect(execution.served.provider).toBe('backup');
    let text = '';
    for await (const chunk of execution) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('from backup');

    // Once the provider has started (the client has its opening chunk), a failure ends the stream.
    const started = setup([{ stream: [{ type: 'stream-start' }, { type: 'error', error: new ProviderError({ provider: 'primary', kind: 'server', message: 'boom' }) }] }], [{ stream: textStream(['SHOULD NOT APPEAR']) }]);
    const committed = await started.router.stream(request);
    expect(committed.served.provider).toBe('primary');
    await expect((async () => { for await (const _ of committed) void _; })()).rejects.toMatchObject({ kind: 'server' });
    expect(started.adapters.backup.calls).toHaveLength(0);

    const after = setup(
      [{ stream: [{ type: 'stream-start' }, { type: 'text-delta', delta: 'partial ' }, { type: 'error', error: new ProviderError({ provider: 'primary', kind: 'network', message: 'cut' }) }] }],
      [{ stream: textStream(['SHOULD NOT APPEAR']) }],
    );
    const cut = await after.router.stream(request);
    let received = '';
    await expect(
      (async () => {
        for await (const chunk of cut) received += chunk.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toMatchObject({ kind: 'network' });
    expect(received).toBe('partial ');
    expect(after.adapters.backup.calls).toHaveLength(0);
    expect((await cut.summary).status).toBe('error');
  });

  it('rejects before any chunk when every target fails to start, so the HTTP layer can send a status', async () => {
    const { router } = setup([{ stream: [], failOpen: { kind: 'server', message: '500', providerStatus: 500 } }], [{ stream: [], failOpen: { kind: 'server', message: '502', providerStatus: 502 } }], {
      gateway: { retriesPerTarget: 0 },
    });
    await expect(router.stream(request)).rejects.toBeInstanceOf(ProviderError);
  });

  it('closes the upstream when the consumer stops reading', async () => {
    const { router, adapters } = setup([{ stream: textStream(['a', 'b', 'c', 'd']) }]);
    const execution = await router.stream(request);
    for await (const chunk of execution) {
      if (chunk.choices[0]?.delta.content === 'a') break;
    }
    expect(adapters.primary.closedStreams).toBeGreaterThan(0);
    expect((await execution.summary).status).toBe('error');
  });
});

describe('requests an adapter cannot translate', () => {
  it('tries the next provider without blaming the first, and returns the 400 when none can', async () => {
    const refusing = {
      ...scriptedAdapter('primary', [{ reply: 'never' }]),
      async chat(): Promise<never> {
        throw new RefractError('REFRACT_ERR_UNSUPPORTED', 'audio input is not supported by this provider', { param: 'messages.0.content.1' });
      },
    };
    const backup = scriptedAdapter('backup', [{ reply: 'took the audio' }]);
    const router = createRouter({ providers, adapters: { primary: refusing, backup } });
    const served = await router.chat(request);
    expect(served.served.provider).toBe('backup');
    expect(router.gateway.breaker.snapshot().find((entry) => entry.key === 'primary/gpt-4o-mini')?.consecutiveFailures ?? 0).toBe(0);

    const alone = createRouter({ providers: [providers[0]!], adapters: { primary: refusing } });
    await expect(alone.chat(request)).rejects.toMatchObject({ code: 'REFRACT_ERR_UNSUPPORTED', status: 400, param: 'messages.0.content.1' });
  });
});
