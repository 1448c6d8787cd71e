/**
 * Gemini stream translation cost, without network: SSE decoding (eventsource-parser) + Gemini
 * event → StreamPart translation + StreamChunkWriter, over recorded streams replayed from memory.
 * Per-chunk cost = mean time per iteration / events in the stream (printed in each bench name).
 * Target: ≤ 20 µs per chunk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StreamChunkWriter } from '@refract/core';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import { bench, describe } from 'vitest';
import { geminiStreamParts } from '../../packages/adapters/src/gemini/gemini-stream-parts';

function recorded(name: string): { bytes: Uint8Array[]; events: number } {
  const lines = readFileSync(join(PROVIDER_FIXTURES(), 'vercel-ai', 'google', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const wire = new TextEncoder().encode(lines.map((line) => `data: ${line}\r\n\r\n`).join(''));
  // Delivered in 1 KiB reads, as a socket would, so events straddle reads.
  const bytes: Uint8Array[] = [];
  for (let offset = 0; offset < wire.length; offset += 1024) bytes.push(wire.subarray(offset, offset + 1024));
  return { bytes, events: lines.length };
}

async function* replay(bytes: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of bytes) yield chunk;
}

async function translate(bytes: Uint8Array[]): Promise<number> {
  const writer = new StreamChunkWriter({ id: 'chatcmpl-bench', model: 'gemini', created: 0, includeUsage: true });
  let written = 0;
  for await (const part of geminiStreamParts(replay(bytes), 'gemini', [])) written += writer.write(part).length;
  return written + writer.end().length;
}

const streams = [
  'google-vertex-stream-tool-call-arguments-nested.1.chunks.txt',
  'google-stream-no-args-tool-call.chunks.txt',
  'google-text.chunks.txt',
].map((name) => ({ name, ...recorded(name) }));

describe('gemini stream translation (decode + StreamPart + OpenAI chunks)', () => {
  for (const stream of streams) {
    bench(
      `${stream.name} (${stream.events} events)`,
      async () => {
        await translate(stream.bytes);
      },
      { time: 2_000, warmupTime: 500 },
    );
  }
});
