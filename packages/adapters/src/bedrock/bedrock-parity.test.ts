import { afterEach, describe, expect, it } from 'vitest';
import { StreamAccumulator, type ChatCompletion } from '@refract/core';
import { EVENT_STREAM_HEADERS, JSON_HEADERS, MODEL, fixtureFiles, frameEvents, mockBedrock, readFixtureEvents, testOptions, type RecordedEvent } from './bedrock-test-kit';
import { createBedrockAdapter } from './index';

interface EventPayload {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId: string; name: string } };
  delta?: { text?: string; toolUse?: { input: string }; reasoningContent?: { text?: string; signature?: string } };
  stopReason?: string;
  usage?: unknown;
}

/**
 * The Converse response equivalent to a ConverseStream: blocks rebuilt from their deltas, the
 * stop reason from messageStop and the usage from metadata — what Bedrock returns for the same
 * generation without streaming.
 */
function responseOf(events: readonly RecordedEvent[]): unknown {
  const blocks = new Map<number, { text?: string; reasoning?: string; signature?: string; toolUse?: { toolUseId: string; name: string; input: string } }>();
  let stopReason: string | undefined;
  let usage: unknown;
  for (const { eventType, payload } of events) {
    const record = payload as EventPayload;
    const index = record.contentBlockIndex ?? 0;
    const block = blocks.get(index) ?? {};
    if (eventType === 'contentBlockStart' && record.start?.toolUse) block.toolUse = { ...record.start.toolUse, input: '' };
    if (eventType === 'contentBlockDelta' && record.delta) {
      const delta = record.delta;
      if (typeof delta.text === 'string') block.text = (block.text ?? '') + delta.text;
      if (delta.toolUse && block.toolUse) block.toolUse.input += delta.toolUse.input;
      if (typeof delta.reasoningContent?.text === 'string') block.reasoning = (block.reasoning ?? '') + delta.reasoningContent.text;
      if (typeof delta.reasoningContent?.signature === 'string') block.signature = delta.reasoningContent.signature;
    }
    if (eventType.startsWith('contentBlock')) blocks.set(index, block);
    if (eventType === 'messageStop') stopReason = record.stopReason;
    if (eventType === 'metadata') usage = record.usage;
  }
  const content = [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, block]) => {
      if (block.toolUse) return { toolUse: { ...block.toolUse, input: block.toolUse.input === '' ? {} : JSON.parse(block.toolUse.input) } };
      if (block.reasoning !== undefined) return { reasoningContent: { reasoningText: { text: block.reasoning, signature: block.signature } } };
      return { text: block.text ?? '' };
    });
  return { output: { message: { role: 'assistant', content } }, stopReason, ...(usage ? { usage } : {}) };
}

function essentials(completion: ChatCompletion) {
  const choice = completion.choices[0];
  return {
    content: choice?.message.content || null,
    reasoning: choice?.message.reasoning_content,
    toolCalls: choice?.message.tool_calls,
    finish: choice?.finish_reason,
    usage: completion.usage,
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('stream / non-stream parity', () => {
  it.each(fixtureFiles().chunks)('%s gives the same content, tool calls, finish reason and usage both ways', async (stem) => {
    const events = readFixtureEvents(stem);
    const mock = mockBedrock();
    close = () => mock.agent.close();
    mock.reply('converse', 200, JSON.stringify(responseOf(events)), JSON_HEADERS);
    mock.reply('converse-stream', 200, frameEvents(events), EVENT_STREAM_HEADERS);
    const adapter = createBedrockAdapter(testOptions({ dispatcher: mock.agent }));
    const request = { model: MODEL, messages: [{ role: 'user' as const, content: 'hi' }] };

    const chat = await adapter.chat(request);
    const accumulator = new StreamAccumulator();
    for await (const part of adapter.stream(request)) accumulator.add(part);
    expect(accumulator.error).toBeUndefined();
    const streamed = accumulator.toCompletion({ id: 'x', model: MODEL, created: 0 });

    expect(essentials(streamed)).toEqual(essentials(chat.response));
    expect(accumulator.warnings).toEqual(chat.warnings);
  });
});
