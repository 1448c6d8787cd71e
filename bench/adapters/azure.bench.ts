import { bench, describe } from 'vitest';
import { OpenAIStreamMapper, openAIStreamParts } from '../../packages/adapters/src/openai/openai-stream-parts';
import { readChunkLines, toSse } from '../../packages/adapters/src/shared/testing/provider-fixtures';
import { BENCH_OPTIONS, asReads, replay, writeAll } from './stream-bench-support';

/**
 * Stream translation cost of the Azure adapter (the OpenAI wire mapper with Azure's per-chunk
 * content_filter_results), without network. The recorded azure-model-router stream has 8 chunks;
 * its content chunk is repeated to 300 chunks so the per-chunk figure is not dominated by setup.
 * Per-chunk cost = mean / chunks in the bench name. Target ≤ 20 µs/chunk.
 */
const recorded = readChunkLines('vercel-ai', 'openai', 'azure-model-router.1.chunks.txt');
const [preamble, role, content, ...rest] = recorded;
const long = [preamble, role, ...Array.from({ length: 300 }, () => content), ...rest];

describe('azure stream translation', () => {
  for (const [name, payloads] of [
    ['azure-model-router (recorded)', recorded],
    ['azure-model-router, content chunk repeated', long],
  ] as const) {
    const reads = asReads(toSse(payloads));
    bench(`${name}: ${payloads.length} chunks`, async () => {
      await writeAll(openAIStreamParts(replay(reads), new OpenAIStreamMapper({ provider: 'azure' })));
    }, BENCH_OPTIONS);
  }
});
