/**
 * Times route() directly and prints p50 / p90 against the targets (vitest bench has no p50).
 * Same requests and router as route.bench.ts. Usage: tsx --conditions=@refract/source bench/route-p50.ts [--runs 2000]
 */
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { formatTable } from '@refract/cli';
import { createRouter, heuristicTokenizer, countChatTokens, type RouteContext } from '@refract/core';
import { SHARED_DIR } from '@refract/test-support';
import { routeBenchmarkRequests } from './eval/sized-requests';
import { percentile } from './eval/summarize';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 10) throw new Error(`--runs must be an integer ≥ 10, got '${values.runs}'`);

const router = createRouter();
const requests = routeBenchmarkRequests(join(SHARED_DIR, 'data', 'eval-dev'));

async function time(request: unknown, context: RouteContext, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < count; run += 1) {
    const started = performance.now();
    await router.route(request, context);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const rows: string[][] = [];
for (const sized of requests) {
  // Fewer runs for the large request so both take similar wall time.
  const count = sized.tokens > 10_000 ? Math.max(10, Math.round(runs / 10)) : runs;
  for (const [label, context] of [
    ['route(request)', {}],
    ['validated: true', { validated: true }],
  ] as const) {
    await time(sized.request, context, Math.max(5, Math.round(count / 10)));
    const times = await time(sized.request, context, count);
    const p50 = percentile(times, 0.5);
    rows.push([
      sized.name,
      label,
      String(sized.tokens),
      String(countChatTokens(sized.request, heuristicTokenizer)),
      String(count),
      formatMs(p50),
      formatMs(percentile(times, 0.9)),
      formatMs(sized.targetP50Ms),
      `${(p50 / sized.targetP50Ms).toFixed(2)}×`,
    ]);
  }
}

process.stdout.write(
  `route() timing, built-in catalog, no classifier; node ${process.version}; load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}\n\n`,
);
process.stdout.write(
  `${formatTable(
    [
      { header: 'request' },
      { header: 'call' },
      { header: 'tokens', align: 'right' },
      { header: 'router est.', align: 'right' },
      { header: 'runs', align: 'right' },
      { header: 'p50', align: 'right' },
      { header: 'p90', align: 'right' },
      { header: 'target p50', align: 'right' },
      { header: 'p50/target', align: 'right' },
    ],
    rows,
  )}\n\ntokens: exact (tiktoken o200k_base, with message framing); router est.: the default heuristic tokenizer.\n`,
);

function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`;
}
