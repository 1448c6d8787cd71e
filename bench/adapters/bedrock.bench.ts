/**
 * Bedrock stream translation cost: event-stream decode (prelude + message CRC32) → JSON →
 * StreamPart → OpenAI chunk, on recorded ConverseStream payloads framed as Bedrock sends them.
 * No network. Per-chunk cost = mean time per iteration / frames in the stream.
 */
import { bench, describe } from 'vitest';
import { StreamChunkWriter } from '@refract/core';
import { ToolNameMap } from '../../packages/adapters/src/bedrock/bedrock-tool-names';
import { BedrockStreamMapper } from '../../packages/adapters/src/bedrock/bedrock-stream-parts';
import { readFixtureEvents } from '../../packages/adapters/src/bedrock/bedrock-test-kit';
import { EventStreamDecoder, encodeBedrockEvent } from '../../packages/adapters/src/bedrock/event-stream';

function framesOf(stem: string): Uint8Array[] {
  return readFixtureEvents(stem).map((event) => encodeBedrockEvent(event.eventType, event.payload));
}

/** Runs one whole stream through the pipeline, one TCP read per frame; returns the chunk count. */
function translate(frames: readonly Uint8Array[]): number {
  const decoder = new EventStreamDecoder();
  const mapper = new BedrockStreamMapper('bedrock', new ToolNameMap());
  const writer = new StreamChunkWriter({ id: 'chatcmpl-bench', model: 'anthropic.claude', created: 0, includeUsage: true });
  let chunks = 0;
  for (const frame of frames) {
    for (const message of decoder.push(frame)) {
      for (const part of mapper.map(message)) chunks += writer.write(part).length;
    }
  }
  decoder.end();
  return chunks + writer.end().length;
}

const reasoning = framesOf('amazon-bedrock-reasoning');
const text = framesOf('amazon-bedrock-text');
const tools = framesOf('amazon-bedrock-json-with-tools.1');
const textBytes = Buffer.concat(text);
const sevenByteReads: Uint8Array[] = [];
for (let offset = 0; offset < textBytes.length; offset += 7) sevenByteReads.push(textBytes.subarray(offset, offset + 7));

describe('bedrock stream translation', () => {
  bench(`reasoning stream, ${reasoning.length} frames`, () => {
    translate(reasoning);
  });
  bench(`text stream, ${text.length} frames`, () => {
    translate(text);
  });
  bench(`tool-call stream, ${tools.length} frames`, () => {
    translate(tools);
  });
  bench(`text stream split every 7 bytes (${sevenByteReads.length} reads, ${text.length} frames)`, () => {
    translate(sevenByteReads);
  });
});
