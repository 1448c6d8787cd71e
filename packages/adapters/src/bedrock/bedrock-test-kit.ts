/**
 * Test helpers for the Bedrock adapter (not exported from the package): the recorded fixtures,
 * framing of their JSON events into real event-stream bytes, and a MockAgent for the runtime.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MockAgent } from 'undici';
import { ManualClock } from '@refract/core';
import { PROVIDER_FIXTURES } from '@refract/test-support';
import { mockOrigin, type MockedCall } from '../shared/testing/mock-origin';
import type { BedrockAdapterOptions } from './bedrock-options';
import { encodeBedrockEvent } from './event-stream';

export const REGION = 'us-east-1';
export const RUNTIME_ORIGIN = `https://bedrock-runtime.${REGION}.amazonaws.com`;
export const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
export const MODEL_PATH = '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0';
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
/** 2025-01-02T03:04:05Z */
export const TEST_TIME = Date.UTC(2025, 0, 2, 3, 4, 5);

/** Adapter options with fixed keys, region, clock and an empty environment. */
export function testOptions(extra: BedrockAdapterOptions = {}): BedrockAdapterOptions {
  return { region: REGION, credentials: TEST_CREDENTIALS, clock: new ManualClock(TEST_TIME), env: {}, ...extra };
}

export function bedrockFixtureDir(): string {
  return join(PROVIDER_FIXTURES(), 'vercel-ai', 'amazon-bedrock');
}

/** Fixture stems (`amazon-bedrock-text`, …) that have a `.chunks.txt` and/or `.json` file. */
export function fixtureFiles(): { chunks: string[]; json: string[] } {
  const files = readdirSync(bedrockFixtureDir());
  return {
    chunks: files.filter((file) => file.endsWith('.chunks.txt')).map((file) => file.replace(/\.chunks\.txt$/, '')).sort(),
    json: files.filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, '')).sort(),
  };
}

export function readFixtureJson(stem: string): unknown {
  return JSON.parse(readFileSync(join(bedrockFixtureDir(), `${stem}.json`), 'utf8'));
}

export interface RecordedEvent {
  eventType: string;
  payload: unknown;
}

/**
 * The events of a `.chunks.txt` file. Each line is `{"<eventType>": <payload>}` — the form vercel/ai
 * records after decoding; on the wire the event type travels in the `:event-type` header and the
 * payload alone in the frame body.
 */
export function readFixtureEvents(stem: string): RecordedEvent[] {
  return readFileSync(join(bedrockFixtureDir(), `${stem}.chunks.txt`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const entries = Object.entries(JSON.parse(line) as Record<string, unknown>);
      if (entries.length !== 1) throw new Error(`fixture line is not a single event: ${line}`);
      const [eventType, payload] = entries[0] as [string, unknown];
      return { eventType, payload };
    });
}

/** Frames events with our event-stream encoder, as Bedrock sends them. */
export function frameEvents(events: readonly RecordedEvent[]): Buffer {
  return Buffer.concat(events.map((event) => encodeBedrockEvent(event.eventType, event.payload)));
}

/** What the adapter sent, as the shared `mockOrigin` records it (`body` as text, `json` parsed). */
export type CapturedCall = MockedCall;

/** A MockAgent with net connect disabled (the shared `mockOrigin`), and a helper to script runtime replies while capturing calls. */
export function mockBedrock(): {
  agent: MockAgent;
  calls: CapturedCall[];
  reply: (action: string, status: number, data: string | Buffer, headers?: Record<string, string>) => void;
} {
  const origin = mockOrigin(RUNTIME_ORIGIN);
  const reply = (action: string, status: number, data: string | Buffer, headers: Record<string, string> = {}): void => {
    origin.reply({ path: (path) => path.endsWith(`/${action}`), method: 'POST' }, { status, body: data, headers });
  };
  return { agent: origin.agent, calls: origin.calls, reply };
}

export const EVENT_STREAM_HEADERS = { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-stream-1' };
export const JSON_HEADERS = { 'content-type': 'application/json', 'x-amzn-requestid': 'req-json-1' };
