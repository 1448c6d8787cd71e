import { OpenAIStreamMapper, openAIStreamParts } from '../../packages/adapters/src/openai/openai-stream-parts';
import { readChunkLines, toSse } from '../../packages/adapters/src/shared/testing/provider-fixtures';
import { asReads, replay, writeAll, type StreamBenchCase } from './stream-bench-support';

/** OpenAI and OpenAI-compatible recorded streams: SSE decoding + JSON + StreamParts + OpenAI chunks. */
const recordings = [
  ['openai-text', readChunkLines('vercel-ai', 'openai', 'openai-text.chunks.txt')],
  ['groq-reasoning', readChunkLines('vercel-ai', 'groq', 'groq-reasoning.chunks.txt')],
  ['xai-tool-call (reasoning + tool call)', readChunkLines('vercel-ai', 'openai-compatible', 'xai-tool-call.chunks.txt')],
] as const;

export const openAICases: StreamBenchCase[] = recordings.map(([name, payloads]) => {
  const reads = asReads(toSse([...payloads]));
  return { adapter: 'openai', name, chunks: payloads.length, run: () => writeAll(openAIStreamParts(replay(reads), new OpenAIStreamMapper({ provider: 'openai' }))) };
});
