import { OllamaStreamMapper, ollamaStreamParts } from '../../packages/adapters/src/ollama/ollama-stream-parts';
import { ollamaDocExample, toNdjson } from '../../packages/adapters/src/shared/testing/ollama-fixtures';
import { asReads, replay, writeAll, type StreamBenchCase } from './stream-bench-support';

/**
 * Ollama /api/chat NDJSON: line splitting + JSON + StreamParts + OpenAI chunks. The docs give only
 * the first and final chunk of a stream, so the first chunk is repeated (with varying words) to
 * 300 lines, then a tool-call line and the final line.
 */
const first = ollamaDocExample('Chat request (Streaming)', 'stream_chunk');
const final = ollamaDocExample('Chat request (Streaming)', 'stream_final');
const toolCall = ollamaDocExample('Chat request (Streaming with tools)', 'stream_chunk');
const lines = [...Array.from({ length: 300 }, (_, index) => ({ ...first, message: { role: 'assistant', content: ` word${index}` } })), toolCall, final];
const reads = asReads(toNdjson(lines));

export const ollamaCases: StreamBenchCase[] = [
  {
    adapter: 'ollama',
    name: 'docs stream, text + tool call',
    chunks: lines.length,
    run: () => writeAll(ollamaStreamParts(replay(reads), new OllamaStreamMapper({ provider: 'ollama', responseId: 'chatcmpl-bench', warnings: [] }))),
  },
];
