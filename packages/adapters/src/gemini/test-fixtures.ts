/**
 * Helpers for the Gemini adapter's tests (not part of the package's public surface): recorded
 * fixtures, SSE bodies, a MockAgent that plays the Gemini API, and an independent oracle for
 * streamed function-call arguments.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import type { MockAgent } from 'undici';
import { mockOrigin, type MockedCall } from '../shared/testing/mock-origin';
import { readFixtureLines } from '../shared/testing/provider-fixtures';
import { sseWire } from '../shared/testing/sse-wire';
import type { GeminiPartialArg, GeminiResponse } from './gemini-api-types';

export const GEMINI_ORIGIN = 'https://generativelanguage.googleapis.com';
export const TEST_API_KEY = 'test-key';

export function googleFixturesDir(): string {
  return join(PROVIDER_FIXTURES(), 'vercel-ai', 'google');
}

export function listGoogleFixtures(): string[] {
  return readdirSync(googleFixturesDir()).sort();
}

export function readJsonFixture(name: string): GeminiResponse & Record<string, unknown> {
  return JSON.parse(readFileSync(join(googleFixturesDir(), name), 'utf8')) as GeminiResponse & Record<string, unknown>;
}

/** The decoded events of a `*.chunks.txt` fixture, one JSON payload per line. */
export function readChunkLines(name: string): string[] {
  return readFixtureLines('vercel-ai', 'google', name);
}

/** The SSE wire form of decoded events, as `streamGenerateContent?alt=sse` sends them. */
export function sseBody(lines: string[]): string {
  return sseWire(lines, { newline: '\r\n' });
}

/** A MockAgent with network disabled (the shared `mockOrigin`); `calls` records what the adapter sent. */
export function mockGemini(): { agent: MockAgent; calls: MockedCall[]; reply: (path: string, status: number, body: string, contentType?: string, headers?: Record<string, string>) => void } {
  const origin = mockOrigin(GEMINI_ORIGIN);
  const reply = (path: string, status: number, body: string, contentType = 'application/json', headers: Record<string, string> = {}): void => {
    origin.reply({ path, method: path.startsWith('/v1beta/models?') ? 'GET' : 'POST' }, { status, body, headers: { 'content-type': contentType, ...headers } });
  };
  return { agent: origin.agent, calls: origin.calls, reply };
}

/**
 * An oracle for streamed arguments, independent of `PartialArgsWriter`: sets each value at its
 * path in a plain object (continued strings are appended).
 */
export function argumentsFromPartials(partials: GeminiPartialArg[]): unknown {
  const root: Record<string, unknown> = {};
  for (const partial of partials) {
    const keys = (partial.jsonPath ?? '').replace(/^\$\.?/, '').split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '');
    let node: Record<string, unknown> | unknown[] = root;
    keys.forEach((key, position) => {
      const slot: string | number = /^\d+$/.test(key) ? Number(key) : key;
      const container = node as Record<string | number, unknown>;
      if (position === keys.length - 1) {
        const value = partial.stringValue ?? partial.numberValue ?? partial.boolValue ?? null;
        const previous = container[slot];
        container[slot] = typeof value === 'string' && typeof previous === 'string' ? previous + value : value;
      } else {
        const nextIsIndex = /^\d+$/.test(keys[position + 1] ?? '');
        container[slot] ??= nextIsIndex ? [] : {};
        node = container[slot] as Record<string, unknown> | unknown[];
      }
    });
  }
  return root;
}

/** The partialArgs of every function-call continuation of one call in a chunk fixture, grouped per call. */
export function partialArgsPerCall(lines: string[]): GeminiPartialArg[][] {
  const calls: GeminiPartialArg[][] = [];
  for (const line of lines) {
    const event = JSON.parse(line) as GeminiResponse;
    for (const part of event.candidates?.[0]?.content?.parts ?? []) {
      if (part.functionCall?.name) calls.push([]);
      if (part.functionCall?.partialArgs) calls.at(-1)?.push(...part.functionCall.partialArgs);
    }
  }
  return calls;
}
