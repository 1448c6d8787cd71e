import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError, collectStream, type ProviderAdapter, type StreamPart } from '@refract/core';
import { sendJson, sleep, startFakeUpstream, writeSlowly, type FakeUpstream, type UpstreamHandler } from '@refract/test-support';
import { createAnthropicAdapter, type AnthropicAdapterOptions } from './index';
import { abortAtFirstText, socketCloseDelay } from '../shared/testing/stream-test-helpers';
import { anthropicFixture, chunkLines, collectParts, simpleRequest, toSse } from './testing/mock-anthropic';

/** Real sockets on 127.0.0.1: a local server speaking Anthropic's SSE wire format. */

let upstream: FakeUpstream | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function serve(handler: UpstreamHandler, options: AnthropicAdapterOptions = {}): Promise<ProviderAdapter> {
  upstream = await startFakeUpstream(handler);
  return createAnthropicAdapter({ apiKey: 'test-key', baseURL: upstream.url, ...options });
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const thinkingStream = toSse(chunkLines(anthropicFixture('anthropic-clear-thinking.1.chunks.txt')));
const toolStream = toSse(chunkLines(anthropicFixture('anthropic-tool-no-args.chunks.txt')));
const events = (lines: object[]): string => toSse(lines.map((line) => JSON.stringify(line)));
const messageStart = { type: 'message_start', message: { id: 'msg_s', type: 'message', role: 'assistant', model: 'claude-x', content: [], usage: { input_tokens: 3, output_tokens: 1 } } };
const textStart = { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
const textDelta = (text: string) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });

function summary(parts: StreamPart[]) {
  return parts.filter((part) => part.type !== 'stream-start').map((part) => (part.type === 'usage' ? { type: 'usage', usage: part.usage } : part));
}

describe('Anthropic stream over a real socket', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('decodes frames split every %i bytes (multi-byte characters included)', async (splitEvery) => {
    const adapter = await serve(async (_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      await writeSlowly(response, [thinkingStream], { splitEvery });
      response.end();
    });
    const parts = await collectParts(adapter.stream(simpleRequest()));
    const result = await collectStream(toAsync(parts));
    const completion = result.toCompletion({ id: 'x', model: 'm', created: 0 });
    expect(completion.choices[0]?.message.content).toBe('925 ÷ 5 = 185');
    expect(completion.choices[0]?.message.reasoning_content).toContain('925');
    expect(parts).toContainEqual(expect.objectContaining({ type: 'reasoning-delta', signature: expect.stringMatching(/^E/) }));
    expect(result.error).toBeUndefined();
    expect(completion.usage).toEqual({ prompt_tokens: 69, completion_tokens: 53, total_tokens: 122 });
  });

  it('keeps one connection across streams whose body ends a little after message_stop (events after it are read, for the trailing-events warning)', async () => {
    let ended = 0;
    const adapter = await serve(async (_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.write(toolStream);
      await sleep(30);
      response.end();
      ended += 1;
    });
    for (let round = 0; round < 3; round += 1) {
      const parts = await collectParts(adapter.stream(simpleRequest()));
      expect(parts.at(-1)?.type).toBe('usage');
      expect(ended).toBe(round + 1);
      await sleep(20);
    }
    expect(upstream?.connections).toBe(1);
  });

  it('gives the same parts for slow chunks as for one write', async () => {
    const adapter = await serve(async (request, response) => {
      response.writeHead(200, SSE_HEADERS);
      const slow = (request.json as { metadata?: { user_id?: string } }).metadata?.user_id === 'slow';
      await writeSlowly(response, slow ? toolStream.split(/(?<=\n\n)/) : [toolStream], { delayMs: slow ? 15 : 0 });
      response.end();
    });
    const fast = await collectParts(adapter.stream(simpleRequest()));
    const slow = await collectParts(adapter.stream(simpleRequest({ user: 'slow' })));
    expect(summary(slow)).toEqual(summary(fast));
    expect(summary(fast)).toContainEqual({ type: 'tool-call-start', index: 0, id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList' });
    expect(summary(fast)).toContainEqual({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('ends with a network error part when the connection drops mid-stream, keeping what arrived', async () => {
    const adapter = await serve(async (_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.write(events([messageStart, textStart, textDelta('partial ')]));
      await sleep(20);
      response.socket?.destroy();
    });
    const parts = await collectParts(adapter.stream(simpleRequest()));
    expect(parts.filter((part) => part.type === 'text-delta')).toEqual([{ type: 'text-delta', delta: 'partial ' }]);
    const last = parts[parts.length - 1];
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.kind).toBe('network');
    expect(last?.type === 'error' && last.error.retryable).toBe(true);
  });

  it('throws from the first next() when the connection drops before message_start', async () => {
    const adapter = await serve((_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.write(': just a comment\n\n');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    await expect(collectParts(adapter.stream(simpleRequest()))).rejects.toMatchObject({ kind: 'network' });
  });

  it('turns a malformed JSON chunk into a decode error part', async () => {
    const adapter = await serve((_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.end(`${events([messageStart, textStart, textDelta('ok')])}event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"brok\n\n`);
    });
    const parts = await collectParts(adapter.stream(simpleRequest()));
    const last = parts[parts.length - 1];
    expect(last?.type === 'error' && last.error.kind).toBe('decode');
    expect(last?.type === 'error' && last.error.code).toBe('REFRACT_ERR_STREAM_DECODE');
    expect(parts.filter((part) => part.type === 'error')).toHaveLength(1);
  });

  it('ends with an overloaded error part, retryable, for an in-band overloaded_error', async () => {
    const adapter = await serve((_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.end(`${events([messageStart, textStart, textDelta('Hel')])}event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n`);
    });
    const parts = await collectParts(adapter.stream(simpleRequest()));
    const last = parts[parts.length - 1];
    expect(last?.type === 'error' && { kind: last.error.kind, retryable: last.error.retryable }).toEqual({ kind: 'overloaded', retryable: true });
  });

  it.each([
    ['stream', true],
    ['chat', false],
  ])('%s: a 429 with retry-after is a retryable rate_limit error with retryAfterMs', async (_mode, streaming) => {
    const adapter = await serve((_request, response) =>
      sendJson(response, 429, { type: 'error', error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' } }, { 'retry-after': '7' }),
    );
    const call = streaming ? collectParts(adapter.stream(simpleRequest())) : adapter.chat(simpleRequest());
    const error = await call.then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'rate_limit', retryable: true, retryAfterMs: 7000, providerStatus: 429, providerCode: 'rate_limit_error' });
  });

  it.each([
    ['stream', true],
    ['chat', false],
  ])('%s: a 500 is a retryable server error', async (_mode, streaming) => {
    const adapter = await serve((_request, response) => sendJson(response, 500, { type: 'error', error: { type: 'api_error', message: 'Internal server error' } }));
    const call = streaming ? collectParts(adapter.stream(simpleRequest())) : adapter.chat(simpleRequest());
    await expect(call).rejects.toMatchObject({ kind: 'server', retryable: true, providerStatus: 500 });
  });

  it('closes the upstream socket within 100 ms when the caller aborts mid-stream', async () => {
    const adapter = await serve(async (_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.write(events([messageStart, textStart, textDelta('first')]));
      // keep the stream open: a slow model
      for (let index = 0; index < 200 && !response.destroyed; index += 1) {
        await sleep(25);
        if (!response.destroyed) response.write(': keep-alive\n\n');
      }
      response.end();
    });
    const controller = new AbortController();
    const { parts, abortedAt } = await abortAtFirstText(adapter.stream(simpleRequest(), { signal: controller.signal }), controller);
    const last = parts[parts.length - 1];
    expect(last?.type === 'error' && last.error.kind).toBe('aborted');
    expect(await socketCloseDelay(upstream ?? { socketCloses: [] }, abortedAt)).toBeLessThan(100);
  });

  it('closes the upstream socket when the consumer stops reading early', async () => {
    const adapter = await serve(async (_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.write(events([messageStart, textStart, textDelta('first')]));
      await sleep(2000);
      response.end();
    });
    let stoppedAt = 0;
    for await (const part of adapter.stream(simpleRequest())) {
      if (part.type === 'text-delta') {
        stoppedAt = performance.now();
        break;
      }
    }
    expect(await socketCloseDelay(upstream ?? { socketCloses: [] }, stoppedAt)).toBeLessThan(100);
  });

  it('times out a stream that goes silent after it started (idle timeout → timeout error part)', async () => {
    const adapter = await serve(async (_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.write(events([messageStart, textStart, textDelta('then silence')]));
      await sleep(3000);
      response.end();
    });
    const parts = await collectParts(adapter.stream(simpleRequest(), { timeoutMs: 150 }));
    const last = parts[parts.length - 1];
    expect(last?.type === 'error' && last.error.kind).toBe('timeout');
    expect(last?.type === 'error' && last.error.retryable).toBe(true);
  });

  it.each([
    ['stream', true],
    ['chat', false],
  ])('%s: times out when no response headers arrive', async (_mode, streaming) => {
    const adapter = await serve(async (_request, response) => {
      await sleep(3000);
      if (!response.destroyed) sendJson(response, 200, {});
    }, { timeoutMs: 150 });
    const call = streaming ? collectParts(adapter.stream(simpleRequest())) : adapter.chat(simpleRequest());
    await expect(call).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('replays a whole JSON message when a proxy ignores stream: true, and throws a JSON error body', async () => {
    const message = JSON.parse(anthropicFixture('anthropic-tool-no-args.json')) as object;
    const adapter = await serve((request, response) => {
      const failing = (request.json as { metadata?: unknown }).metadata !== undefined;
      sendJson(response, 200, failing ? { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } : message);
    });
    const parts = await collectParts(adapter.stream(simpleRequest()));
    const completion = (await collectStream(toAsync(parts))).toCompletion({ id: 'x', model: 'm', created: 0 });
    expect(parts[0]).toMatchObject({ type: 'stream-start', id: 'msg_01GCBaV8gyWAYgMVggRqZbuQ' });
    expect(completion.choices[0]?.message.tool_calls).toEqual([{ id: 'toolu_01LRmxn9vGM1d2DZSDBowdZ1', type: 'function', function: { name: 'updateIssueList', arguments: '{}' } }]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.usage).toMatchObject({ prompt_tokens: 602, completion_tokens: 93 });
    await expect(collectParts(adapter.stream(simpleRequest({ user: 'u' })))).rejects.toMatchObject({ kind: 'overloaded' });
  });

  it('sends the translated request to /v1/messages with the Anthropic headers', async () => {
    const adapter = await serve((_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.end(toolStream);
    });
    await collectParts(adapter.stream(simpleRequest({ temperature: 0.3 })));
    const sent = upstream?.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe('test-key');
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.headers['accept']).toBe('text/event-stream');
    expect(sent?.json).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 1024,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      temperature: 0.3,
      stream: true,
    });
  });
});

async function* toAsync(parts: StreamPart[]): AsyncGenerator<StreamPart> {
  yield* parts;
}
