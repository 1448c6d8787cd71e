import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import type { ChatRequest, ProviderAdapter, StreamPart } from '@refract/core';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import { createAnthropicAdapter, type AnthropicAdapterOptions } from '../index';

/** Test helpers for the Anthropic adapter: recorded fixtures replayed through undici's MockAgent. */

export const ORIGIN = 'https://api.anthropic.com';

export function anthropicFixture(name: string): string {
  return readFileSync(join(PROVIDER_FIXTURES(), 'vercel-ai', 'anthropic', name), 'utf8');
}

export function inlineAnthropicCases(): { describe: string; test: string; chunks: string[] }[] {
  return readFileSync(join(PROVIDER_FIXTURES(), 'vercel-ai-inline', 'anthropic.inline-chunks.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { describe: string; test: string; chunks: string[] });
}

/** The decoded events of a `*.chunks.txt` file, one JSON event per line. */
export function chunkLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Decoded event lines as the SSE wire format Anthropic sends (`event:` and `data:` lines). */
export function toSse(lines: readonly string[]): string {
  return lines
    .map((line) => {
      const type = (JSON.parse(line) as { type?: string }).type;
      return `${type ? `event: ${type}\n` : ''}data: ${line}\n\n`;
    })
    .join('');
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

export interface MockedReply {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export interface AnthropicMock {
  agent: MockAgent;
  adapter: ProviderAdapter;
  /** Bodies the adapter sent, parsed. */
  sent: unknown[];
  /** Headers the adapter sent. */
  sentHeaders: Record<string, string>[];
  /** Paths (with query) the adapter called. */
  sentPaths: string[];
  /** Queues the reply for the next request to /v1/messages. */
  reply(reply: MockedReply): void;
  close(): Promise<void>;
}

/** A MockAgent with network access disabled and an adapter that uses it. */
export function mockAnthropic(options: AnthropicAdapterOptions = {}): AnthropicMock {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sent: unknown[] = [];
  const sentHeaders: Record<string, string>[] = [];
  const sentPaths: string[] = [];
  const adapter = createAnthropicAdapter({ apiKey: 'test-key', baseURL: ORIGIN, dispatcher: agent, ...options });
  return {
    agent,
    adapter,
    sent,
    sentHeaders,
    sentPaths,
    reply: ({ status = 200, body, headers }) => {
      agent
        .get(ORIGIN)
        .intercept({ path: (path) => path.startsWith('/v1/'), method: /GET|POST/ })
        .reply((request) => {
          sent.push(typeof request.body === 'string' ? JSON.parse(request.body) : undefined);
          sentHeaders.push(normaliseHeaders(request.headers));
          sentPaths.push(request.path);
          return { statusCode: status, data: body, responseOptions: { headers: headers ?? { 'content-type': contentType(body) } } };
        });
    },
    close: () => agent.close(),
  };
}

function contentType(body: string): string {
  return body.trimStart().startsWith('{') ? 'application/json' : 'text/event-stream';
}

function normaliseHeaders(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((value, name) => (out[name.toLowerCase()] = value));
    return out;
  }
  if (Array.isArray(headers)) {
    const out: Record<string, string> = {};
    for (let index = 0; index + 1 < headers.length; index += 2) out[String(headers[index]).toLowerCase()] = String(headers[index + 1]);
    return out;
  }
  return Object.fromEntries(Object.entries(headers as Record<string, string>).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

export async function collectParts(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

export function simpleRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'claude-sonnet-4-5-20250929', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }], ...overrides };
}
