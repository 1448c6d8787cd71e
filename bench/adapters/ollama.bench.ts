import { bench, describe } from 'vitest';
import { OllamaStreamMapper, ollamaStreamParts } from '../../packages/adapters/src/ollama/ollama-stream-parts';
import { ollamaDocExample, toNdjson } from '../../packages/adapters/src/shared/testing/ollama-fixtures';
import { BENCH_OPTIONS, asReads, replay, writeAll } from './stream-bench-support';

/**
 * Stream translation cost of the Ollama adapter, without network: NDJSON line splitting + JSON
 * parsing + mapping to StreamParts + StreamChunkWriter. The docs give only the first and final
 * chunk of a stream, so the first chunk is repeated (with varying words) to 300 lines.
 * Per-chunk cost = mean / lines in the bench name. Target ≤ 20 µs/chunk.
 */
const first = ollamaDocExample('Chat request (Streaming)', 'stream_chunk');
const final = ollamaDocExample('Chat request (Streaming)', 'stream_final');
const toolCall = ollamaDocExample('Chat request (Streaming with tools)', 'stream_chunk');
const lines = [...Array.from({ length: 300 }, (_, index) => ({ ...first, message: { role: 'assistant', content: ` word${index}` } })), toolCall, final];

describe('ollama stream translation', () => {
  const reads = asReads(toNdjson(lines));
  bench(
    `docs stream, text + tool call: ${lines.length} lines`,
    async () => {
      await writeAll(ollamaStreamParts(replay(reads), new OllamaStreamMapper({ provider: 'ollama', responseId: 'chatcmpl-bench', warnings: [] })));
    },
    BENCH_OPTIONS,
  );
});
