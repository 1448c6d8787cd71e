import { StreamChunkWriter, type StreamPart } from '@refract/core';

/** Bench-only helpers: bodies as the network delivers them, and the writer every stream goes through. */

/** Longer runs with warm-up: the figures are per chunk, so JIT warm-up must not dominate. */
export const BENCH_OPTIONS = { time: 1500, warmupTime: 300, warmupIterations: 20 };

/** Splits wire text into reads of `size` bytes, as a socket would deliver them. */
export function asReads(text: string, size = 1024): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const reads: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) reads.push(bytes.subarray(offset, offset + size));
  return reads;
}

export async function* replay(reads: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const read of reads) yield read;
}

/** Drains parts into OpenAI chunks, as the gateway does for a client stream. Returns the chunk count. */
export async function writeAll(parts: AsyncIterable<StreamPart>): Promise<number> {
  const writer = new StreamChunkWriter({ id: 'chatcmpl-bench', model: 'bench', created: 0, includeUsage: true });
  let chunks = 0;
  for await (const part of parts) chunks += writer.write(part).length;
  return chunks + writer.end().length;
}
