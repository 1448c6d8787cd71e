import { StreamChunkWriter } from '@refract/core';
import { AnthropicStreamTranslator } from '../../packages/adapters/src/anthropic/anthropic-stream-parts';
import { readSseEvents } from '../../packages/adapters/src/shared';
import { readFixtureLines } from '../../packages/adapters/src/shared/testing/provider-fixtures';
import { sseWire } from '../../packages/adapters/src/shared/testing/sse-wire';
import { asReads, replay, type StreamBenchCase } from './stream-bench-support';

/** Anthropic Messages streams: SSE (eventsource-parser) → AnthropicStreamTranslator → OpenAI chunks. */
function firstMessage(file: string): string[] {
  const lines = readFixtureLines('vercel-ai', 'anthropic', file);
  return lines.slice(0, lines.findIndex((line) => line.includes('"message_stop"')) + 1);
}

async function translate(reads: Uint8Array[]): Promise<number> {
  const translator = new AnthropicStreamTranslator({ provider: 'anthropic' });
  const writer = new StreamChunkWriter({ id: 'chatcmpl-bench', model: 'claude', created: 0, includeUsage: true });
  let chunks = 0;
  for await (const event of readSseEvents(replay(reads))) {
    for (const part of translator.push(event.data)) chunks += writer.write(part).length;
  }
  return chunks + writer.end().length;
}

export const anthropicCases: StreamBenchCase[] = [
  ['anthropic-code-execution-20250825.2 (text + server tools)', 'anthropic-code-execution-20250825.2.chunks.txt'],
  ['anthropic-web-search-tool.1 (text with citations)', 'anthropic-web-search-tool.1.chunks.txt'],
  ['anthropic-clear-thinking.1 (thinking + text)', 'anthropic-clear-thinking.1.chunks.txt'],
].map(([name, file]) => {
  const events = firstMessage(file as string);
  const reads = asReads(sseWire(events, { eventOf: (line) => (JSON.parse(line) as { type: string }).type }));
  return { adapter: 'anthropic', name: name as string, chunks: events.length, run: () => translate(reads) };
});
