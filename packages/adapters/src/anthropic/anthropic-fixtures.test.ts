import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamChunkWriter, collectStream, type ChatCompletion, type StreamPart } from '@refract/core';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import {
  anthropicFixture,
  chunkLines,
  collectParts,
  messageSegments,
  mockAnthropic,
  simpleRequest,
  toSse,
  type AnthropicMock,
} from './testing/mock-anthropic';
import { JSON_FIXTURES, STREAM_FIXTURES, type ExpectedMessage } from './testing/recorded-expectations';

const files = readdirSync(join(PROVIDER_FIXTURES(), 'vercel-ai', 'anthropic')).sort();
const jsonFiles = files.filter((file) => file.endsWith('.json'));
const chunkFiles = files.filter((file) => file.endsWith('.chunks.txt'));

let mock: AnthropicMock | undefined;
afterEach(async () => {
  mock?.agent.assertNoPendingInterceptors();
  await mock?.close();
  mock = undefined;
});

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}

/** Asserts a completion against the expectation computed from the raw recording. */
function expectCompletion(completion: ChatCompletion, expected: ExpectedMessage): void {
  const choice = completion.choices[0];
  const content = choice?.message.content ?? '';
  if (expected.text !== undefined) {
    expect(choice?.message.content).toBe(expected.text === '' && expected.tools.length > 0 ? null : expected.text);
  } else {
    expect(content.startsWith(expected.head ?? '')).toBe(true);
    expect(sha256(content)).toBe(expected.sha256);
  }
  const calls = choice?.message.tool_calls ?? [];
  expect(calls.map((call) => [call.id, call.function.name, JSON.parse(call.function.arguments)])).toEqual(expected.tools);
  expect(choice?.finish_reason).toBe(expected.finish);
  const [prompt, completionTokens, cached, written] = expected.usage;
  expect(completion.usage?.prompt_tokens).toBe(prompt);
  expect(completion.usage?.completion_tokens).toBe(completionTokens);
  expect(completion.usage?.prompt_tokens_details?.cached_tokens ?? 0).toBe(cached);
  expect(completion.usage?.prompt_tokens_details?.cache_write_tokens ?? 0).toBe(written);
  expect(Boolean(choice?.message.reasoning_content)).toBe(expected.reasoning);
}

function omittedTypes(warnings: { message: string }[]): string[] {
  return warnings
    .map((warning) => /^Anthropic "([^"]+)" content blocks/.exec(warning.message)?.[1])
    .filter((type): type is string => type !== undefined)
    .sort();
}

describe('recorded Anthropic JSON responses replayed through chat()', () => {
  it('has an expectation for every recorded JSON body', () => {
    expect(Object.keys(JSON_FIXTURES).sort()).toEqual(jsonFiles);
  });

  it.each(jsonFiles)('%s', async (file) => {
    mock = mockAnthropic();
    mock.reply({ body: anthropicFixture(file) });
    const { response, warnings } = await mock.adapter.chat(simpleRequest());
    const expected = JSON_FIXTURES[file] as ExpectedMessage;
    expectCompletion(response, expected);
    expect(omittedTypes(warnings)).toEqual(expected.omitted);
    expect(response.id).toBe(JSON.parse(anthropicFixture(file)).id);
  });
});

describe('recorded Anthropic streams replayed through stream()', () => {
  it('has an expectation for every recorded stream', () => {
    expect(Object.keys(STREAM_FIXTURES).sort()).toEqual(chunkFiles);
  });

  // Files recorded over several HTTP calls are replayed one response at a time.
  const segmentCases = chunkFiles
    .filter((file) => file !== 'spliced-message-start.chunks.txt')
    .flatMap((file) => messageSegments(chunkLines(anthropicFixture(file))).map((lines, index) => ({ file, index, lines })));

  it.each(segmentCases.map((item) => [`${item.file} #${item.index}`, item] as const))('%s', async (_name, { file, index, lines }) => {
    mock = mockAnthropic();
    mock.reply({ body: toSse(lines) });
    const parts = await collectParts(mock.adapter.stream(simpleRequest()));
    const expected = (STREAM_FIXTURES[file] ?? [])[index] as ExpectedMessage;
    expect(parts[0]?.type).toBe('stream-start');
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
    const accumulated = await collectStream(toAsync(parts));
    expectCompletion(accumulated.toCompletion({ id: 'x', model: 'm', created: 0 }), expected);
    expect(omittedTypes(accumulated.warnings)).toEqual(expected.omitted);
    expectWritableAsChunks(parts);
  });

  it('ends a recording of several responses at the first message_stop and says the rest was ignored', async () => {
    mock = mockAnthropic();
    mock.reply({ body: toSse(chunkLines(anthropicFixture('anthropic-tool-search-deferred-bm25.chunks.txt'))) });
    const accumulated = await collectStream(mock.adapter.stream(simpleRequest()));
    const completion = accumulated.toCompletion({ id: 'x', model: 'm', created: 0 });
    expectCompletion(completion, STREAM_FIXTURES['anthropic-tool-search-deferred-bm25.chunks.txt']?.[0] as ExpectedMessage);
    expect(accumulated.error).toBeUndefined();
    expect(accumulated.warnings.some((warning) => warning.message.includes('after message_stop'))).toBe(true);
  });

  it('ignores a repeated message_start for the open message', async () => {
    mock = mockAnthropic();
    mock.reply({ body: toSse(chunkLines(anthropicFixture('duplicate-message-start.chunks.txt'))) });
    const parts = await collectParts(mock.adapter.stream(simpleRequest()));
    expect(parts.filter((part) => part.type === 'stream-start')).toEqual([expect.objectContaining({ id: 'msg_dup', model: 'claude-3-haiku-20240307' })]);
    const completion = (await collectStream(toAsync(parts))).toCompletion({ id: 'x', model: 'm', created: 0 });
    expect(completion.choices[0]?.message.content).toBe('Hello, World!');
    expect(completion.usage).toEqual({ prompt_tokens: 17, completion_tokens: 227, total_tokens: 244 });
  });

  it('fails with a decode error when a different message starts while one is open (spliced stream)', async () => {
    mock = mockAnthropic();
    mock.reply({ body: toSse(chunkLines(anthropicFixture('spliced-message-start.chunks.txt'))) });
    const parts = await collectParts(mock.adapter.stream(simpleRequest()));
    expect(parts.filter((part) => part.type === 'stream-start').map((part) => (part as { id?: string }).id)).toEqual(['msg_first']);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    const last = parts[parts.length - 1];
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.kind).toBe('decode');
    expect(last?.type === 'error' && last.error.message).toContain('msg_second');
    // only the first message's tool call began; its arguments never completed
    expect(parts.filter((part) => part.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', index: 0, id: 'toolu_first', name: 'test-tool' },
    ]);
  });
});

/** Every part sequence must also go through the OpenAI chunk writer without loss. */
function expectWritableAsChunks(parts: StreamPart[]): void {
  const writer = new StreamChunkWriter({ id: 'chatcmpl-1', model: 'm', created: 0, includeUsage: true });
  const chunks = [...parts.flatMap((part) => writer.write(part)), ...writer.end()];
  const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  const expectedText = parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
  expect(text).toBe(expectedText);
  expect(chunks[chunks.length - 1]?.usage).toBeDefined();
}

async function* toAsync(parts: StreamPart[]): AsyncGenerator<StreamPart> {
  yield* parts;
}
