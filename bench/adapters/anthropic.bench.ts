import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { StreamChunkWriter } from '@refract/core';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import { readSseEvents } from '../../packages/adapters/src/shared';
import { AnthropicStreamTranslator } from '../../packages/adapters/src/anthropic/anthropic-stream-parts';

/**
 * Stream translation cost of the Anthropic adapter, without a network: SSE bytes → events
 * (eventsource-parser) → StreamParts (AnthropicStreamTranslator) → OpenAI chunks
 * (StreamChunkWriter), on recorded streams. Divide the mean time by the event count in the name
 * for the cost per chunk (target ≤ 20 µs).
 */

function recordedSse(file: string): { bytes: Uint8Array; events: number } {
  const lines = readFileSync(join(PROVIDER_FIXTURES(), 'vercel-ai', 'anthropic', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const firstMessage = lines.slice(0, lines.findIndex((line) => line.includes('"message_stop"')) + 1);
  const wire = firstMessage.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`).join('');
  return { bytes: new TextEncoder().encode(wire), events: firstMessage.length };
}

/** The body as the network delivers it: chunks of about 1 KiB. */
async function* body(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += 1024) yield bytes.subarray(offset, offset + 1024);
}

async function translate(bytes: Uint8Array): Promise<number> {
  const translator = new AnthropicStreamTranslator({ provider: 'anthropic' });
  const writer = new StreamChunkWriter({ id: 'chatcmpl-bench', model: 'claude', created: 0, includeUsage: true });
  let chunks = 0;
  for await (const event of readSseEvents(body(bytes))) {
    for (const part of translator.push(event.data)) chunks += writer.write(part).length;
  }
  return chunks + writer.end().length;
}

const cases = [
  'anthropic-code-execution-20250825.2.chunks.txt', // text + server tools, 984 events
  'anthropic-web-search-tool.1.chunks.txt', // text with citations
  'anthropic-clear-thinking.1.chunks.txt', // thinking + text
].map((file) => ({ file, ...recordedSse(file) }));

describe('anthropic stream translation (decode + StreamPart + OpenAI chunk)', () => {
  for (const { file, bytes, events } of cases) {
    bench(
      `${file} (${events} events)`,
      async () => {
        await translate(bytes);
      },
      { time: 3000, warmupIterations: 20 },
    );
  }
});
