import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import { sseWire } from './sse-wire';

/** Test-only helpers to read the recorded payloads in ../shared/fixtures/providers. */

export function fixturePath(...parts: string[]): string {
  return join(PROVIDER_FIXTURES(), ...parts);
}

export function readJsonFixture(...parts: string[]): unknown {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8'));
}

/** The non-blank lines of a fixture file (a `*.chunks.txt` holds one decoded stream payload per line). */
export function readFixtureLines(...parts: string[]): string[] {
  return readFileSync(fixturePath(...parts), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** A `*.chunks.txt` file: one decoded stream payload (JSON) per line, parsed. */
export function readChunkLines(...parts: string[]): unknown[] {
  return readFixtureLines(...parts).map((line) => JSON.parse(line) as unknown);
}

/** The SSE wire form of decoded payloads, as an OpenAI-compatible server sends them. */
export function toSse(payloads: unknown[], options: { done?: boolean } = {}): string {
  return sseWire(
    payloads.map((payload) => JSON.stringify(payload)),
    { done: options.done !== false },
  );
}

/** One record of a vercel-ai-inline `*.inline-chunks.jsonl` file: raw SSE wire strings. */
export interface InlineCase {
  line: number;
  describe: string;
  test: string;
  chunks: string[];
  ids: string[];
  synthetic_hint: boolean;
}

export function readInlineCases(file: string): InlineCase[] {
  return readFileSync(fixturePath('vercel-ai-inline', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as InlineCase);
}
