import { bench, describe } from 'vitest';
import { OpenAIStreamMapper, openAIStreamParts } from '../../packages/adapters/src/openai/openai-stream-parts';
import { readChunkLines, toSse } from '../../packages/adapters/src/shared/testing/provider-fixtures';
import { BENCH_OPTIONS, asReads, replay, writeAll } from './stream-bench-support';

/**
 * Stream translation cost of the OpenAI adapter on recorded streams, without network: SSE
 * decoding + JSON parsing + mapping to StreamParts + StreamChunkWriter. Per-chunk cost = the mean
 * time below divided by the number of upstream chunks in the bench name. Target ≤ 20 µs/chunk.
 */
const text = readChunkLines('vercel-ai', 'openai', 'openai-text.chunks.txt');
const reasoning = readChunkLines('vercel-ai', 'groq', 'groq-reasoning.chunks.txt');
const tools = readChunkLines('vercel-ai', 'openai-compatible', 'xai-tool-call.chunks.txt');

describe('openai stream translation', () => {
  for (const [name, payloads] of [
    ['openai-text', text],
    ['groq-reasoning', reasoning],
    ['xai-tool-call (reasoning + tool call)', tools],
  ] as const) {
    const reads = asReads(toSse(payloads));
    bench(`${name}: ${payloads.length} chunks`, async () => {
      await writeAll(openAIStreamParts(replay(reads), new OpenAIStreamMapper({ provider: 'openai' })));
    }, BENCH_OPTIONS);
  }
});
