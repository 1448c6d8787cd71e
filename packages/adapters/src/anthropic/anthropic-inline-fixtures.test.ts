import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError, collectStream, type StreamAccumulator, type StreamPart } from '@refract/core';
import { collectParts, inlineAnthropicCases, mockAnthropic, simpleRequest, type AnthropicMock } from './testing/mock-anthropic';

/**
 * The 31 raw SSE streams of vercel-ai-inline/anthropic.inline-chunks.jsonl, sent as recorded (wire
 * strings joined) and checked case by case.
 */
const cases = inlineAnthropicCases();

let mock: AnthropicMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

interface Replay {
  parts: StreamPart[];
  result: StreamAccumulator;
  text: string;
}

async function replay(body: string): Promise<Replay> {
  mock = mockAnthropic();
  mock.reply({ body, headers: { 'content-type': 'text/event-stream' } });
  const parts = await collectParts(mock.adapter.stream(simpleRequest()));
  const result = await collectStream(toAsync(parts));
  const text = result.toCompletion({ id: 'x', model: 'm', created: 0 }).choices[0]?.message.content ?? '';
  return { parts, result, text };
}

const finishOf = (replayed: Replay): string | undefined =>
  replayed.parts.flatMap((part) => (part.type === 'finish' ? [part.finishReason] : []))[0];
const usageOf = (replayed: Replay): unknown => replayed.result.usage;
const toolCallsOf = (replayed: Replay): unknown =>
  replayed.result.toCompletion({ id: 'x', model: 'm', created: 0 }).choices[0]?.message.tool_calls;
const warningsOf = (replayed: Replay): string[] => replayed.result.warnings.map((warning) => warning.message);

const helloWorld = (replayed: Replay): void => {
  expect(replayed.text).toBe('Hello, World!');
  expect(finishOf(replayed)).toBe('stop');
  expect(usageOf(replayed)).toEqual({ inputTokens: 17, outputTokens: 227 });
};

const sparkleTool = (replayed: Replay): void => {
  expect(replayed.text).toBe('Okay!');
  expect(toolCallsOf(replayed)).toEqual([
    { id: 'toolu_01DBsB4vvYLnBDzZ5rBSxSLs', type: 'function', function: { name: 'test-tool', arguments: '{"value":"Sparkle Day"}' } },
  ]);
  expect(replayed.parts.filter((part) => part.type === 'tool-call-delta').map((part) => (part as { index: number }).index)).toEqual([0, 0, 0, 0, 0]);
  expect(finishOf(replayed)).toBe('tool_calls');
  expect(usageOf(replayed)).toEqual({ inputTokens: 441, outputTokens: 65 });
};

const EXPECTATIONS: Record<number, (replayed: Replay) => void> = {
  0: helloWorld,
  1: (replayed) => {
    expect(replayed.result.toCompletion({ id: 'x', model: 'm', created: 0 }).choices[0]?.message.reasoning_content).toBe('I amthinking...');
    expect(replayed.parts).toContainEqual({ type: 'reasoning-delta', delta: '', signature: '1234567890' });
    helloWorld(replayed);
  },
  2: (replayed) => {
    helloWorld(replayed);
    expect(warningsOf(replayed).some((message) => message.includes('redacted_thinking'))).toBe(true);
  },
  3: (replayed) => {
    helloWorld(replayed);
    expect(replayed.parts.some((part) => part.type === 'reasoning-delta')).toBe(false);
  },
  4: (replayed) => {
    expect(replayed.text).toBe('Hello');
    expect(usageOf(replayed)).toEqual({ inputTokens: 17, outputTokens: 50 });
  },
  5: (replayed) => {
    expect(replayed.text).toBe('');
    expect(finishOf(replayed)).toBe('stop');
    expect(warningsOf(replayed)).toContain('Anthropic "compaction" content blocks have no OpenAI equivalent and were left out of the response');
    expect(usageOf(replayed)).toEqual({ inputTokens: 100, outputTokens: 10 });
  },
  6: sparkleTool,
  7: (replayed) => {
    const last = replayed.parts[replayed.parts.length - 1];
    expect(replayed.parts[0]?.type).toBe('stream-start');
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.message).toContain('test error');
    expect(last?.type === 'error' && last.error.retryable).toBe(false);
  },
  8: helloWorld,
  9: helloWorld,
  10: helloWorld,
  11: helloWorld,
  12: (replayed) => {
    expect(replayed.text).toBe('');
    expect(finishOf(replayed)).toBe('stop');
    expect(usageOf(replayed)).toEqual({ inputTokens: 1, outputTokens: 1 });
  },
  13: (replayed) => EXPECTATIONS[12]?.(replayed),
  14: (replayed) => {
    expect(replayed.text).toBe('Hello');
    expect(usageOf(replayed)).toEqual({ inputTokens: 17, outputTokens: 5 });
  },
  15: (replayed) => {
    expect(replayed.text).toBe('Hello');
    // cache counts sent in message_delta: prompt = 17 input + 5 read + 10 written
    expect(usageOf(replayed)).toEqual({ inputTokens: 32, outputTokens: 227, cachedInputTokens: 5, cacheWriteTokens: 10 });
  },
  16: helloWorld,
  17: (replayed) => {
    expect(replayed.text).toBe('Hello, World!');
    expect(finishOf(replayed)).toBe('stop');
    expect(warningsOf(replayed).some((message) => message.includes('pause_turn'))).toBe(true);
  },
  18: (replayed) => {
    expect(replayed.text).toBe('Hello');
    expect(finishOf(replayed)).toBe('stop');
  },
  19: (replayed) => {
    expect(replayed.text).toBe('Hello');
    expect(usageOf(replayed)).toEqual({ inputTokens: 17, outputTokens: 227 });
  },
  20: (replayed) => EXPECTATIONS[19]?.(replayed),
  21: (replayed) => {
    expect(replayed.text).toBe('Based on the document, results show growth.');
    expect(warningsOf(replayed).some((message) => message.includes('citations'))).toBe(true);
  },
  22: sparkleTool,
  23: (replayed) => {
    expect(toolCallsOf(replayed)).toEqual([{ id: 'toolu_01Test', type: 'function', function: { name: 'query_database', arguments: '{"sql": "SELECT * FROM users"}' } }]);
    expect(finishOf(replayed)).toBe('tool_calls');
  },
  24: (replayed) => {
    expect(toolCallsOf(replayed)).toEqual([{ id: 'toolu_01Test', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Tokyo"}' } }]);
  },
  25: (replayed) => {
    // no input_json_delta: the input given in content_block_start is the whole argument object
    expect(toolCallsOf(replayed)).toEqual([
      { id: 'toolu_01Deferred', type: 'function', function: { name: 'query_database', arguments: '{"sql":"SELECT COUNT(*) FROM orders"}' } },
    ]);
    expect(usageOf(replayed)).toEqual({ inputTokens: 100, outputTokens: 30 });
  },
  26: (replayed) => {
    // deltas follow an empty start input: nothing is prepended to them
    expect(toolCallsOf(replayed)).toEqual([{ id: 'toolu_01Test', type: 'function', function: { name: 'get_weather', arguments: '{"city": "London"}' } }]);
  },
  28: (replayed) => {
    expect(replayed.text).toBe('Hello');
    const last = replayed.parts[replayed.parts.length - 1];
    expect(last?.type === 'error' && last.error.kind).toBe('overloaded');
    expect(last?.type === 'error' && last.error.retryable).toBe(true);
    expect(last?.type === 'error' && last.error.providerCode).toBe('overloaded_error');
    expect(replayed.parts.some((part) => part.type === 'finish')).toBe(false);
  },
  29: (replayed) => {
    expect(replayed.text).toBe('Hello!');
    expect(usageOf(replayed)).toEqual({ inputTokens: 4, outputTokens: 2 });
  },
  30: (replayed) => {
    expect(replayed.text).toBe('Hello World!');
    expect(usageOf(replayed)).toEqual({ inputTokens: 10, outputTokens: 20 });
  },
};

describe('inline Anthropic SSE cases (raw wire strings)', () => {
  it('holds the 31 recorded cases, each with an expectation here (27 and 30 below)', () => {
    expect(cases).toHaveLength(31);
    const covered = new Set([...Object.keys(EXPECTATIONS).map(Number), 27]);
    expect(cases.every((_, index) => covered.has(index))).toBe(true);
  });

  it.each(cases.map((item, index) => [index, item.test, item] as const).filter(([index]) => index !== 27 && index !== 30))(
    'case %i: %s',
    async (index, _name, item) => {
      const replayed = await replay(item.chunks.join(''));
      EXPECTATIONS[index]?.(replayed);
      if (index !== 7 && index !== 28) {
        expect(replayed.parts.filter((part) => part.type === 'finish')).toHaveLength(1);
        expect(replayed.result.error).toBeUndefined();
      }
    },
  );

  it('case 27: an overloaded error as the first event is thrown from the first next(), retryable', async () => {
    mock = mockAnthropic();
    mock.reply({ body: (cases[27]?.chunks ?? []).join(''), headers: { 'content-type': 'text/event-stream' } });
    const iterator = mock.adapter.stream(simpleRequest())[Symbol.asyncIterator]();
    const error = await iterator.next().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('overloaded');
    expect((error as ProviderError).retryable).toBe(true);
    expect((error as ProviderError).message).toContain('Overloaded');
  });

  it('case 30: the same events framed as SSE stream normally; unframed JSON lines are no SSE and fail before the message starts', async () => {
    const chunks = cases[30]?.chunks ?? [];
    EXPECTATIONS[30]?.(await replay(chunks.map((chunk) => `data: ${chunk}\n\n`).join('')));

    mock = mockAnthropic();
    mock.reply({ body: chunks.join('\n'), headers: { 'content-type': 'text/event-stream' } });
    await expect(collectParts(mock.adapter.stream(simpleRequest()))).rejects.toMatchObject({ kind: 'network' });
  });
});

async function* toAsync(parts: StreamPart[]): AsyncGenerator<StreamPart> {
  yield* parts;
}
