/**
 * Stream translation cost per upstream chunk for every adapter (issue 3: target ≤ 20 µs/chunk):
 * bytes as a socket delivers them → the adapter's decoder (SSE, NDJSON or AWS event stream) →
 * its mapper to StreamParts → StreamChunkWriter (OpenAI chunks), on recorded streams, without
 * network. The cases live in bench/adapters/<provider>-cases.ts.
 *
 * Run: `npx vitest bench --run bench/adapters.bench.ts` (also part of `npm run bench`). vitest
 * prints the time per stream; when every case has run, this file prints µs per chunk (median and
 * mean over the measured runs) against the target, with the load average: on a busy machine the
 * mean carries scheduler stalls, and every figure is an upper bound.
 */
import { loadavg } from 'node:os';
import { bench, describe } from 'vitest';
import { anthropicCases } from './adapters/anthropic-cases';
import { azureCases } from './adapters/azure-cases';
import { bedrockCases } from './adapters/bedrock-cases';
import { geminiCases } from './adapters/gemini-cases';
import { ollamaCases } from './adapters/ollama-cases';
import { openAICases } from './adapters/openai-cases';
import { TARGET_MICROSECONDS_PER_CHUNK, type StreamBenchCase } from './adapters/stream-bench-support';

const CASES: readonly StreamBenchCase[] = [...openAICases, ...azureCases, ...anthropicCases, ...bedrockCases, ...ollamaCases, ...geminiCases];

/** Long enough for a few hundred samples per case even on a loaded machine; warm-up keeps JIT out of the figures. */
const OPTIONS = { time: 1500, warmupTime: 300, warmupIterations: 20 };

interface Measured {
  testCase: StreamBenchCase;
  medianMs: number;
  meanMs: number;
  samples: number;
}

const measured: Measured[] = [];

/**
 * Times every measured iteration itself (vitest drops tinybench's raw samples before a listener
 * could read them, and has no median): collecting starts with tinybench's `run` phase (after
 * warm-up) and ends with it; the last case to finish prints the table.
 */
function timed(testCase: StreamBenchCase, async: boolean): { run: () => void | Promise<void>; hooks: { setup: (task: unknown, mode?: string) => void; teardown: (task: unknown, mode?: string) => void } } {
  let samples: number[] = [];
  let collecting = false;
  const run = async
    ? async (): Promise<void> => {
        const started = performance.now();
        await testCase.run();
        if (collecting) samples.push(performance.now() - started);
      }
    : (): void => {
        const started = performance.now();
        void testCase.run();
        if (collecting) samples.push(performance.now() - started);
      };
  const hooks = {
    setup: (_task: unknown, mode?: string): void => {
      samples = [];
      collecting = mode === 'run';
    },
    teardown: (_task: unknown, mode?: string): void => {
      collecting = false;
      if (mode !== 'run' || samples.length === 0) return;
      const sorted = [...samples].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      const medianMs = sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
      measured.push({ testCase, medianMs, meanMs: samples.reduce((sum, value) => sum + value, 0) / samples.length, samples: samples.length });
      if (measured.length === CASES.length) printTable();
    },
  };
  return { run, hooks };
}

function printTable(): void {
  const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
  const rows = measured.map(({ testCase, medianMs, meanMs, samples }) => {
    const perChunk = (medianMs * 1000) / testCase.chunks;
    return [
      testCase.adapter,
      testCase.name,
      String(testCase.chunks),
      perChunk.toFixed(2),
      ((meanMs * 1000) / testCase.chunks).toFixed(2),
      String(samples),
      perChunk <= TARGET_MICROSECONDS_PER_CHUNK ? 'yes' : 'NO',
    ];
  });
  const header = ['adapter', 'stream', 'chunks', 'µs/chunk (median)', 'µs/chunk (mean)', 'runs', `median ≤ ${TARGET_MICROSECONDS_PER_CHUNK} µs`];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  console.log(
    [
      '',
      `Stream translation per upstream chunk (target ≤ ${TARGET_MICROSECONDS_PER_CHUNK} µs). Load average ${one} / ${five} / ${fifteen} (1 / 5 / 15 min) on ${
        process.platform
      }, Node ${process.version}: figures from a busy machine are upper bounds.`,
      line(header),
      ...rows.map(line),
      '',
    ].join('\n'),
  );
}

/** Each case once before measuring: it must translate (write OpenAI chunks), and sync ones are benched without a promise. */
const isAsync = new Map<StreamBenchCase, boolean>();
for (const testCase of CASES) {
  const first = testCase.run();
  const written = await first;
  if (written <= 0) throw new Error(`${testCase.adapter} / ${testCase.name}: the stream produced no OpenAI chunks`);
  isAsync.set(testCase, first instanceof Promise);
}

const adapters = [...new Set(CASES.map((testCase) => testCase.adapter))];
for (const adapter of adapters) {
  describe(`${adapter} stream translation (decode + StreamPart + OpenAI chunk)`, () => {
    for (const testCase of CASES.filter((candidate) => candidate.adapter === adapter)) {
      const { run, hooks } = timed(testCase, isAsync.get(testCase) ?? true);
      bench(`${testCase.name}: ${testCase.chunks} chunks`, run, { ...OPTIONS, ...hooks });
    }
  });
}
