import { readFileSync } from 'node:fs';
import type { MockAgent } from 'undici';
import type { ChatRequest, ProviderAdapter } from '@refract/core';
import { fixturePath, readFixtureLines } from '../../shared/testing/provider-fixtures';
import { mockOrigin, type MockedReply } from '../../shared/testing/mock-origin';
import { sseWire } from '../../shared/testing/sse-wire';
import { createAnthropicAdapter, type AnthropicAdapterOptions } from '../index';

/** Test helpers for the Anthropic adapter: recorded fixtures replayed through undici's MockAgent. */

export const ORIGIN = 'https://api.anthropic.com';

export function anthropicFixture(name: string): string {
  return readFileSync(fixturePath('vercel-ai', 'anthropic', name), 'utf8');
}

export function inlineAnthropicCases(): { describe: string; test: string; chunks: string[] }[] {
  return readFixtureLines('vercel-ai-inline', 'anthropic.inline-chunks.jsonl').map((line) => JSON.parse(line) as { describe: string; test: string; chunks: string[] });
}

/** The decoded events of a `*.chunks.txt` file, one JSON event per line. */
export function chunkLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Decoded event lines as the SSE wire format Anthropic sends (`event:` and `data:` lines). */
export function toSse(lines: readonly string[]): string {
  return sseWire(lines, { eventOf: (line) => (JSON.parse(line) as { type?: string }).type });
}

/** Splits a recording of several responses (one per HTTP call) at each `message_stop`. */
export function messageSegments(lines: readonly string[]): string[][] {
  const segments: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    current.push(line);
    if ((JSON.parse(line) as { type?: string }).type === 'message_stop') {
      segments.push(current);
      current = [];
    }
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

export type { MockedReply } from '../../shared/testing/mock-origin';
export { collectParts } from '../../shared/testing/stream-test-helpers';

export interface AnthropicMock {
  agent: MockAgent;
  adapter: ProviderAdapter;
  /** Bodies the adapter sent, parsed. */
  readonly sent: unknown[];
  /** Headers the adapter sent. */
  readonly sentHeaders: Record<string, string>[];
  /** Paths (with query) the adapter called. */
  readonly sentPaths: string[];
  /** Queues the reply for the next request to /v1/… (content type from the body unless given). */
  reply(reply: MockedReply): void;
  close(): Promise<void>;
}

/** A MockAgent with network access disabled (the shared `mockOrigin`) and an adapter that uses it. */
export function mockAnthropic(options: AnthropicAdapterOptions = {}): AnthropicMock {
  const origin = mockOrigin(ORIGIN);
  const adapter = createAnthropicAdapter({ apiKey: 'test-key', baseURL: ORIGIN, dispatcher: origin.agent, ...options });
  return {
    agent: origin.agent,
    adapter,
    get sent() {
      return origin.calls.map((call) => call.json);
    },
    get sentHeaders() {
      return origin.calls.map((call) => call.headers);
    },
    get sentPaths() {
      return origin.calls.map((call) => call.path);
    },
    reply: ({ status = 200, body, headers }) => {
      const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
      origin.reply({ path: (path) => path.startsWith('/v1/'), method: /GET|POST/ }, { status, body, headers: headers ?? { 'content-type': contentType(text) } });
    },
    close: () => origin.close(),
  };
}

function contentType(body: string): string {
  return body.trimStart().startsWith('{') ? 'application/json' : 'text/event-stream';
}

export function simpleRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'claude-sonnet-4-5-20250929', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }], ...overrides };
}
