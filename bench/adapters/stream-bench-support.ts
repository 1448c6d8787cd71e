import { StreamChunkWriter, type StreamPart } from '@refract/core';

/**
 * Bench-only helpers for bench/adapters.bench.ts: bodies as the network delivers them, the writer
 * every stream goes through, and the shape of one measured stream.
 */

/** The budget the issue sets for stream translation, per upstream chunk. */
export const TARGET_MICROSECONDS_PER_CHUNK = 20;

/** One recorded stream run through an adapter's whole translation path, without network. */
export interface StreamBenchCase {
  adapter: string;
  /** The recording (and how it was delivered). */
  name: string;
  /** Upstream chunks in the stream: SSE events, NDJSON lines or event-stream frames. */
  chunks: number;
  /** Decodes the bytes, maps them to StreamParts and writes OpenAI chunks; returns the chunks written. */
  run: () => Promise<number> | number;
}

/** Splits wire text into reads of `size` bytes, as a socket would deliver them. */
export function asReads(text: string | Uint8Array, size = 1024): Uint8Array[] {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
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
