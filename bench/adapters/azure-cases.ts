import { OpenAIStreamMapper, openAIStreamParts } from '../../packages/adapters/src/openai/openai-stream-parts';
import { readChunkLines, toSse } from '../../packages/adapters/src/shared/testing/provider-fixtures';
import { asReads, replay, writeAll, type StreamBenchCase } from './stream-bench-support';

/**
 * Azure (the OpenAI wire mapper with Azure's content_filter_results on every chunk). The recorded
 * azure-model-router stream has 8 chunks; its content chunk is also repeated to 300 chunks so the
 * per-chunk figure is not dominated by setup.
 */
const recorded = readChunkLines('vercel-ai', 'openai', 'azure-model-router.1.chunks.txt');
const [preamble, role, content, ...rest] = recorded;
const long = [preamble, role, ...Array.from({ length: 300 }, () => content), ...rest];

export const azureCases: StreamBenchCase[] = (
  [
    ['azure-model-router (recorded)', recorded],
    ['azure-model-router, content chunk x300', long],
  ] as const
).map(([name, payloads]) => {
  const reads = asReads(toSse([...payloads]));
  return { adapter: 'azure', name, chunks: payloads.length, run: () => writeAll(openAIStreamParts(replay(reads), new OpenAIStreamMapper({ provider: 'azure' }))) };
});
