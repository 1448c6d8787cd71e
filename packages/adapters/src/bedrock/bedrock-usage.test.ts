import { afterEach, describe, expect, it } from 'vitest';
import { StreamAccumulator, usageToOpenAI } from '@refract/core';
import { usageFromBedrock } from './bedrock-usage';
import { EVENT_STREAM_HEADERS, JSON_HEADERS, MODEL, frameEvents, mockBedrock, testOptions } from './bedrock-test-kit';
import { createBedrockAdapter } from './index';

const CACHED_USAGE = { inputTokens: 12, outputTokens: 40, totalTokens: 2052, cacheReadInputTokens: 1500, cacheWriteInputTokens: 500 };

describe('usageFromBedrock', () => {
  it('counts cache reads and writes inside prompt tokens, as Refract usage requires', () => {
    const usage = usageFromBedrock(CACHED_USAGE);
    expect(usage).toEqual({ inputTokens: 2012, outputTokens: 40, cachedInputTokens: 1500, cacheWriteTokens: 500 });
    expect(usageToOpenAI(usage as NonNullable<typeof usage>)).toEqual({
      prompt_tokens: 2012,
      completion_tokens: 40,
      total_tokens: 2052,
      prompt_tokens_details: { cached_tokens: 1500, cache_write_tokens: 500 },
    });
  });

  it('ignores missing, negative and non-numeric counts', () => {
    expect(usageFromBedrock(undefined)).toBeUndefined();
    expect(usageFromBedrock({ inputTokens: 5, outputTokens: -1, cacheReadInputTokens: Number.NaN })).toEqual({ inputTokens: 5, outputTokens: 0 });
  });
});

describe('usage, padding and stop-reason warnings through the adapter', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('meters a cached stream like the cached JSON response, ignoring the "p" padding field', async () => {
    const mock = mockBedrock();
    close = () => mock.agent.close();
    mock.reply(
      'converse',
      200,
      JSON.stringify({ output: { message: { role: 'assistant', content: [{ text: 'cut' }] } }, stopReason: 'model_context_window_exceeded', usage: CACHED_USAGE }),
      JSON_HEADERS,
    );
    mock.reply(
      'converse-stream',
      200,
      frameEvents([
        { eventType: 'messageStart', payload: { role: 'assistant', p: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ' } },
        { eventType: 'contentBlockDelta', payload: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: 'AAAA' } }, p: 'abc' } },
        { eventType: 'contentBlockDelta', payload: { contentBlockIndex: 1, delta: { text: 'cut' }, p: 'abcdefgh' } },
        { eventType: 'messageStop', payload: { stopReason: 'model_context_window_exceeded', p: 'ab' } },
        { eventType: 'metadata', payload: { usage: CACHED_USAGE, metrics: { latencyMs: 10 }, p: 'abcd' } },
      ]),
      EVENT_STREAM_HEADERS,
    );
    const adapter = createBedrockAdapter(testOptions({ dispatcher: mock.agent }));
    const request = { model: MODEL, messages: [{ role: 'user' as const, content: 'long' }] };
    const chat = await adapter.chat(request);
    const accumulator = new StreamAccumulator();
    for await (const part of adapter.stream(request)) accumulator.add(part);
    const streamed = accumulator.toCompletion({ id: 'x', model: MODEL, created: 0 });

    expect(chat.response.usage).toEqual(streamed.usage);
    expect(streamed.usage?.prompt_tokens).toBe(2012);
    expect(streamed.choices[0]?.finish_reason).toBe('length');
    expect(chat.response.choices[0]?.finish_reason).toBe('length');
    expect(chat.warnings).toEqual([expect.objectContaining({ message: expect.stringContaining('model_context_window_exceeded') })]);
    expect(accumulator.warnings.map((warning) => warning.message)).toEqual([
      expect.stringContaining('redacted'),
      expect.stringContaining('model_context_window_exceeded'),
    ]);
  });
});
