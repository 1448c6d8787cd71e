import { StreamChunkWriter } from '@refract/core';
import { ToolNameMap } from '../../packages/adapters/src/bedrock/bedrock-tool-names';
import { BedrockStreamMapper } from '../../packages/adapters/src/bedrock/bedrock-stream-parts';
import { readFixtureEvents } from '../../packages/adapters/src/bedrock/bedrock-test-kit';
import { EventStreamDecoder, encodeBedrockEvent } from '../../packages/adapters/src/bedrock/event-stream';
import { asReads, type StreamBenchCase } from './stream-bench-support';

/**
 * Bedrock ConverseStream: event-stream decode (prelude + message CRC32) → JSON → StreamPart →
 * OpenAI chunk, on recorded payloads framed as Bedrock sends them.
 */
function framesOf(stem: string): Uint8Array[] {
  return readFixtureEvents(stem).map((event) => encodeBedrockEvent(event.eventType, event.payload));
}

/** Runs one whole stream through the pipeline, one decoder push per read; returns the chunk count. */
function translate(reads: readonly Uint8Array[]): number {
  const decoder = new EventStreamDecoder();
  const mapper = new BedrockStreamMapper('bedrock', new ToolNameMap());
  const writer = new StreamChunkWriter({ id: 'chatcmpl-bench', model: 'anthropic.claude', created: 0, includeUsage: true });
  let chunks = 0;
  for (const read of reads) {
    for (const message of decoder.push(read)) {
      for (const part of mapper.map(message)) chunks += writer.write(part).length;
    }
  }
  decoder.end();
  return chunks + writer.end().length;
}

const reasoning = framesOf('amazon-bedrock-reasoning');
const text = framesOf('amazon-bedrock-text');
const tools = framesOf('amazon-bedrock-json-with-tools.1');
const sevenByteReads = asReads(Buffer.concat(text), 7);

export const bedrockCases: StreamBenchCase[] = [
  { adapter: 'bedrock', name: 'amazon-bedrock-reasoning (one read per frame)', chunks: reasoning.length, run: () => translate(reasoning) },
  { adapter: 'bedrock', name: 'amazon-bedrock-text (one read per frame)', chunks: text.length, run: () => translate(text) },
  { adapter: 'bedrock', name: 'amazon-bedrock-json-with-tools.1 (one read per frame)', chunks: tools.length, run: () => translate(tools) },
  { adapter: 'bedrock', name: `amazon-bedrock-text split every 7 bytes (${sevenByteReads.length} reads)`, chunks: text.length, run: () => translate(sevenByteReads) },
];
