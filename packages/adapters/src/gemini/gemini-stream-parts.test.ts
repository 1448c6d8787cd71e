import type { ProviderWarning, StreamPart } from '@refract/core';
import { describe, expect, it } from 'vitest';
import { geminiStreamParts } from './gemini-stream-parts';

const warnings: ProviderWarning[] = [{ type: 'unsupported-parameter', parameter: 'logit_bias', message: 'not sent' }];

async function parts(wire: string): Promise<StreamPart[]> {
  async function* body(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode(wire);
  }
  const out: StreamPart[] = [];
  for await (const part of geminiStreamParts(body(), 'gemini', warnings)) out.push(part);
  return out;
}

const event = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;
const call = (functionCall: Record<string, unknown>): unknown => ({ candidates: [{ content: { role: 'model', parts: [{ functionCall }] } }] });

describe('geminiStreamParts', () => {
  it('starts with stream-start carrying the request warnings, even when the first event is malformed', async () => {
    const result = await parts('data: {not json\n\n');
    expect(result[0]).toEqual({ type: 'stream-start', created: expect.any(Number), warnings });
    expect(result[1]).toMatchObject({ type: 'error', error: { kind: 'decode' } });
    expect(result).toHaveLength(2);
    expect((await parts('data: [1,2]\n\n'))[1]).toMatchObject({ type: 'error', error: { kind: 'decode' } });
  });

  it('still sends stream-start when the upstream sends no event at all (guardStream then reports the cut)', async () => {
    expect(await parts('')).toEqual([{ type: 'stream-start', created: expect.any(Number), warnings }]);
  });

  it('ends with a decode error when streamed arguments would make invalid JSON', async () => {
    const result = await parts(
      event(call({ name: 'f', willContinue: true })) +
        event(call({ partialArgs: [{ jsonPath: '$.a.x', numberValue: 1 }], willContinue: true })) +
        event(call({ partialArgs: [{ jsonPath: '$.b', numberValue: 2 }], willContinue: true })) +
        event(call({ partialArgs: [{ jsonPath: '$.a.y', numberValue: 3 }], willContinue: true })),
    );
    expect(result.map((part) => part.type)).toEqual(['stream-start', 'tool-call-start', 'tool-call-delta', 'tool-call-delta', 'error']);
    const last = result.at(-1);
    expect(last?.type === 'error' && last.error.message).toMatch(/function call arguments \(partial arguments reopen/);
  });

  it('skips empty and [DONE] events and closes a call left open at the end of the stream', async () => {
    const result = await parts(
      'data: \n\n' + event(call({ name: 'f', willContinue: true })) + event(call({ partialArgs: [{ jsonPath: '$.q', stringValue: 'hi', willContinue: true }], willContinue: true })) + 'data: [DONE]\n\n',
    );
    const args = result.flatMap((part) => (part.type === 'tool-call-delta' ? [part.argumentsDelta] : [])).join('');
    expect(JSON.parse(args)).toEqual({ q: 'hi' });
  });

  it('maps a prompt blocked by safety and a candidate stopped by safety to content_filter with warnings', async () => {
    const blocked = await parts(event({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 } }));
    expect(blocked.slice(1)).toEqual([
      { type: 'warning', warning: { type: 'content-filtered', parameter: 'messages', message: 'Gemini blocked the prompt (SAFETY)' } },
      { type: 'finish', finishReason: 'content_filter', choiceIndex: 0 },
      { type: 'usage', usage: { inputTokens: 7, outputTokens: 0 } },
    ]);
    const stopped = await parts(
      event({ candidates: [{ content: { role: 'model', parts: [{ text: 'Once upon' }] } }] }) +
        event({ candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'RECITATION' }] }),
    );
    expect(stopped.slice(1)).toEqual([
      { type: 'text-delta', delta: 'Once upon', choiceIndex: 0 },
      { type: 'warning', warning: { type: 'content-filtered', parameter: 'finish_reason', message: 'Gemini stopped the answer (RECITATION)' } },
      { type: 'finish', finishReason: 'content_filter', choiceIndex: 0 },
    ]);
  });
});
