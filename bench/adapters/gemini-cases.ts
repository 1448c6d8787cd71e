import { geminiStreamParts } from '../../packages/adapters/src/gemini/gemini-stream-parts';
import { readFixtureLines } from '../../packages/adapters/src/shared/testing/provider-fixtures';
import { sseWire } from '../../packages/adapters/src/shared/testing/sse-wire';
import { asReads, replay, writeAll, type StreamBenchCase } from './stream-bench-support';

/** Gemini streamGenerateContent (SSE, CRLF) → Gemini event translation → OpenAI chunks. */
export const geminiCases: StreamBenchCase[] = [
  'google-vertex-stream-tool-call-arguments-nested.1.chunks.txt',
  'google-stream-no-args-tool-call.chunks.txt',
  'google-text.chunks.txt',
].map((file) => {
  const events = readFixtureLines('vercel-ai', 'google', file);
  const reads = asReads(sseWire(events, { newline: '\r\n' }));
  return { adapter: 'gemini', name: file.replace(/\.chunks\.txt$/, ''), chunks: events.length, run: () => writeAll(geminiStreamParts(replay(reads), 'gemini', [])) };
});
