import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { ProviderError, StreamAccumulator, type StreamPart } from '@refract/core';
import { sendJson, sleep, startFakeUpstream, writeSlowly, type FakeUpstream, type RecordedRequest } from '@refract/test-support';
import type { ServerResponse } from 'node:http';
import { abortAtFirstText, collectParts, socketCloseDelay } from '../shared/testing/stream-test-helpers';
import { MODEL, TEST_CREDENTIALS, fixtureFiles, frameEvents, readFixtureEvents, testOptions } from './bedrock-test-kit';
import { createBedrockAdapter, type BedrockAdapterOptions } from './index';
import { encodeBedrockEvent, encodeBedrockException, encodeEventStreamMessage } from './event-stream';
import { buildCanonicalRequest, buildStringToSign, deriveSigningKey, sha256Hex } from './sigv4';

const STREAM_HEADERS = { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'sock-1' };
const REQUEST = { model: MODEL, messages: [{ role: 'user' as const, content: 'Count the r in strawberry' }] };
const TEXT_FRAMES = readFixtureEvents('amazon-bedrock-text').map((event) => encodeBedrockEvent(event.eventType, event.payload));
const TEXT = 'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** r\'s in "strawberry."';

let upstream: FakeUpstream;
const agents: Agent[] = [];
beforeAll(async () => {
  upstream = await startFakeUpstream((_request, response) => {
    response.end();
  });
});
afterAll(async () => upstream.close());
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.destroy().catch(() => undefined)));
  await sleep(20); // let the server see those sockets close before the next test counts closes
});

function adapter(options: BedrockAdapterOptions = {}) {
  const agent = new Agent({ keepAliveTimeout: 10 });
  agents.push(agent);
  return createBedrockAdapter(testOptions({ endpoint: upstream.url, dispatcher: agent, ...options }));
}

function completion(parts: StreamPart[]) {
  const accumulator = new StreamAccumulator();
  for (const part of parts) accumulator.add(part);
  return accumulator.toCompletion({ id: 'x', model: MODEL, created: 0 });
}

/** Writes `bytes` in `size`-byte pieces, yielding to the event loop between them so each goes out as its own write. */
async function writeInPieces(response: ServerResponse, bytes: Uint8Array, size: number): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    if (response.destroyed) return;
    response.write(bytes.subarray(offset, offset + size));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Checks the Authorization header against the request exactly as it arrived on the socket. */
function verifySignature(request: RecordedRequest): void {
  const authorization = String(request.headers['authorization']);
  const match = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/bedrock\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})/.exec(authorization);
  expect(match, authorization).not.toBeNull();
  const [, accessKeyId, date, region, signedHeaders, signature] = match as unknown as string[];
  expect(accessKeyId).toBe(TEST_CREDENTIALS.accessKeyId);
  const headers = Object.fromEntries((signedHeaders as string).split(';').map((name) => [name, String(request.headers[name])]));
  const [path, query = ''] = request.url.split('?');
  const canonical = buildCanonicalRequest({ method: request.method, path: path as string, query, headers, payloadHash: sha256Hex(request.body) });
  const stringToSign = buildStringToSign(String(request.headers['x-amz-date']), `${date}/${region}/bedrock/aws4_request`, canonical.text);
  const expected = createHmac('sha256', deriveSigningKey(TEST_CREDENTIALS.secretAccessKey, date as string, region as string, 'bedrock')).update(stringToSign).digest('hex');
  expect(signature).toBe(expected);
}

describe('ConverseStream over a real socket', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('decodes frames split every %i bytes, and the signature matches the wire', async (splitEvery) => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeInPieces(response, Buffer.concat(TEXT_FRAMES), splitEvery);
      response.end();
    });
    const parts = await collectParts(adapter().stream(REQUEST));
    expect(parts.filter((part) => part.type === 'error')).toEqual([]);
    const result = completion(parts);
    expect(result.choices[0]?.message.content).toBe(TEXT);
    expect(result.choices[0]?.finish_reason).toBe('stop');
    expect(result.usage).toEqual({ prompt_tokens: 22, completion_tokens: 55, total_tokens: 77 });
    const request = upstream.requests.at(-1) as RecordedRequest;
    expect(request.url).toBe('/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream');
    expect(request.headers['accept']).toBe('application/vnd.amazon.eventstream');
    verifySignature(request);
  });

  it.each(fixtureFiles().chunks)('replays %s split every 1 to 7 bytes to the same parts as in one piece', async (stem) => {
    const bytes = frameEvents(readFixtureEvents(stem));
    let size = bytes.length;
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeInPieces(response, bytes, size);
      response.end();
    });
    const whole = await collectParts(adapter().stream(REQUEST));
    expect(whole.filter((part) => part.type === 'error')).toEqual([]);
    for (size = 1; size <= 7; size += 1) {
      expect(await collectParts(adapter().stream(REQUEST))).toEqual(whole);
    }
  });

  it('yields parts as slow frames arrive, before the upstream has finished', async () => {
    let finished = false;
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeSlowly(response, TEXT_FRAMES, { delayMs: 25 });
      finished = true;
      response.end();
    });
    let firstTextWhileUpstreamBusy: boolean | undefined;
    const parts = await collectParts(adapter().stream(REQUEST), (part) => {
      if (part.type === 'text-delta' && firstTextWhileUpstreamBusy === undefined) firstTextWhileUpstreamBusy = !finished;
    });
    expect(firstTextWhileUpstreamBusy).toBe(true);
    expect(completion(parts).choices[0]?.message.content).toBe(TEXT);
  });

  it('ends with one error part, and no throw, when the upstream disconnects mid-stream', async () => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeSlowly(response, [...TEXT_FRAMES.slice(0, 4), (TEXT_FRAMES[4] as Uint8Array).subarray(0, 10)]);
      await sleep(20);
      response.socket?.destroy();
    });
    const parts = await collectParts(adapter().stream(REQUEST));
    expect(parts.filter((part) => part.type === 'text-delta').length).toBe(3);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: expect.stringMatching(/^(network|decode)$/) } });
    expect(parts.filter((part) => part.type === 'error')).toHaveLength(1);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('turns a malformed JSON payload into a decode error part after the good ones', async () => {
    const bad = encodeEventStreamMessage(
      { ':event-type': { type: 'string', value: 'contentBlockDelta' }, ':message-type': { type: 'string', value: 'event' } },
      new TextEncoder().encode('{"contentBlockIndex":0,"delta":{"text":'),
    );
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeSlowly(response, [...TEXT_FRAMES.slice(0, 3), bad, ...TEXT_FRAMES.slice(3)], { splitEvery: 5 });
      response.end();
    });
    const parts = await collectParts(adapter().stream(REQUEST));
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => (part as { delta: string }).delta)).toEqual(['Let', ' me count the "']);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'decode', code: 'REFRACT_ERR_STREAM_DECODE' } });
    expect((parts.at(-1) as { error: Error }).error.message).toContain('malformed contentBlockDelta payload');
  });

  it('turns a frame with a bad checksum into a decode error part', async () => {
    const corrupt = Uint8Array.from(TEXT_FRAMES[2] as Uint8Array);
    corrupt[corrupt.length - 1] = (corrupt.at(-1) as number) ^ 0xff;
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeSlowly(response, [...TEXT_FRAMES.slice(0, 2), corrupt, ...TEXT_FRAMES.slice(3)]);
      response.end();
    });
    const parts = await collectParts(adapter().stream(REQUEST));
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'decode' } });
    expect((parts.at(-1) as { error: Error }).error.message).toContain('message checksum mismatch');
  });

  it.each([
    ['throttlingException', 'Too many tokens, please wait before trying again.', 'rate_limit', true],
    ['validationException', 'Input is too long for requested model.', 'context_overflow', false],
    ['modelStreamErrorException', 'Model stream error', 'server', true],
    ['serviceUnavailableException', 'Service unavailable', 'overloaded', true],
  ] as const)('turns an in-band %s into a %s error part', async (type, message, kind, retryable) => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeSlowly(response, [...TEXT_FRAMES.slice(0, 3), encodeBedrockException(type, message)]);
      response.end();
    });
    const parts = await collectParts(adapter().stream(REQUEST));
    const last = parts.at(-1) as { type: string; error: ProviderError };
    expect(last.type).toBe('error');
    expect(last.error).toMatchObject({ kind, retryable, providerCode: type });
    expect(last.error.message).toContain(message);
  });

  it('throws a retryable rate_limit error with retryAfterMs from the first next() on 429', async () => {
    upstream.setHandler((_request, response) =>
      sendJson(response, 429, { message: 'Too many requests, please wait before trying again.' }, { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': '3' }),
    );
    const iterator = adapter().stream(REQUEST)[Symbol.asyncIterator]();
    const thrown = await iterator.next().catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({ kind: 'rate_limit', retryable: true, retryAfterMs: 3000, providerStatus: 429, providerCode: 'ThrottlingException' });
  });

  it('throws a retryable server error on 500', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 500, { message: 'Internal server error' }, { 'x-amzn-errortype': 'InternalServerException' }));
    await expect(adapter().chat(REQUEST)).rejects.toMatchObject({ kind: 'server', retryable: true, providerStatus: 500 });
    const iterator = adapter().stream(REQUEST)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ kind: 'server', providerStatus: 500 });
  });

  it('refuses a 200 that is not an event stream before the stream starts', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 200, { message: 'hello from a proxy' }));
    const iterator = adapter().stream(REQUEST)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ kind: 'decode', message: expect.stringContaining('expected application/vnd.amazon.eventstream') });
  });

  it('closes the upstream socket within 100 ms when the caller aborts mid-stream', async () => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeSlowly(response, TEXT_FRAMES.slice(0, 3));
      await sleep(5_000);
      response.end();
    });
    const controller = new AbortController();
    const { parts, abortedAt } = await abortAtFirstText(adapter().stream(REQUEST, { signal: controller.signal }), controller);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'aborted' } });
    expect(await socketCloseDelay(upstream, abortedAt)).toBeLessThan(100);
  });

  it('closes the upstream socket when the consumer stops reading early', async () => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeSlowly(response, TEXT_FRAMES.slice(0, 3));
      await sleep(5_000);
      response.end();
    });
    let stoppedAt = 0;
    for await (const part of adapter().stream(REQUEST)) {
      if (part.type === 'text-delta') {
        stoppedAt = performance.now();
        break;
      }
    }
    expect(await socketCloseDelay(upstream, stoppedAt)).toBeLessThan(100);
  });

  it('ends with a timeout error part when the stream stalls longer than timeoutMs', async () => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, STREAM_HEADERS);
      await writeSlowly(response, TEXT_FRAMES.slice(0, 2));
      await sleep(2_000);
      response.end();
    });
    const parts = await collectParts(adapter({ timeoutMs: 150 }).stream(REQUEST));
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { kind: 'timeout', retryable: true } });
  });

  it('throws a timeout from chat() when no response comes in time', async () => {
    upstream.setHandler(async (_request, response) => {
      await sleep(2_000);
      sendJson(response, 200, {});
    });
    await expect(adapter().chat(REQUEST, { timeoutMs: 150 })).rejects.toMatchObject({ kind: 'timeout' });
  });
});
