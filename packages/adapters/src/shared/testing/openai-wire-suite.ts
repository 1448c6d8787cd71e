import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectStream, isProviderError, type ChatRequest, type ProviderAdapter, type StreamPart } from '@refract/core';
import { sendJson, sleep, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { readChunkLines, toSse } from './provider-fixtures';
import { abortAtFirstText, collectParts, errorOf, firstNextError, socketCloseDelay } from './stream-test-helpers';

/** Test-only: the real-socket behaviour every adapter speaking the OpenAI SSE wire must show. */
export interface OpenAIWireSuiteOptions {
  name: string;
  /** Builds the adapter under test against the fake upstream's base URL. */
  createAdapter: (upstreamUrl: string) => ProviderAdapter & { close(): Promise<void> };
  /** The path (without query) the adapter must POST chat completions to. */
  chatPath: string;
}

const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in San Francisco?' }] };

/** Writes every piece as its own socket write, yielding to the event loop between writes. */
async function writeInPieces(response: ServerResponse, text: string, size: number): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += size) {
    if (response.destroyed) return;
    response.write(bytes.subarray(offset, offset + size));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function sseHeaders(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
}

const textChunk = (content: string): unknown => ({
  id: 'chatcmpl-wire',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});

export function describeOpenAIWire(options: OpenAIWireSuiteOptions): void {
  describe(`${options.name}: real sockets against a local OpenAI-wire upstream`, () => {
    let upstream: FakeUpstream;
    let adapter: ReturnType<OpenAIWireSuiteOptions['createAdapter']>;

    beforeAll(async () => {
      upstream = await startFakeUpstream((_request, response) => {
        response.end();
      });
      adapter = options.createAdapter(upstream.url);
    });
    afterAll(async () => {
      await adapter.close();
      await upstream.close();
    });
    afterEach(() => {
      upstream.requests.length = 0;
    });

    const recorded = readChunkLines('vercel-ai', 'xai', 'xai-tool-call.chunks.txt');
    const multibyte = [textChunk('héllo ✓ '), textChunk('😊 naïve — done'), { ...(textChunk('') as object), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }];

    it.each([1, 2, 3, 4, 5, 6, 7])('decodes a recorded stream written %i byte(s) per TCP write', async (size) => {
      upstream.setHandler(async (_request, response) => {
        sseHeaders(response);
        await writeInPieces(response, toSse(recorded), size);
        response.end();
      });
      const result = await collectStream(adapter.stream(request));
      expect(result.error).toBeUndefined();
      const completion = result.toCompletion({ id: 'x', model: 'x', created: 0 });
      expect(completion.choices[0]?.message.tool_calls).toEqual([
        { id: 'call_55117580', type: 'function', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } },
      ]);
      expect(completion.choices[0]?.message.reasoning_content).toBe('First, the user is');
      expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
      expect(result.usage).toEqual({ inputTokens: 291, outputTokens: 222, cachedInputTokens: 290, reasoningTokens: 196 });
      expect(upstream.requests[0]?.url.split('?')[0]).toBe(options.chatPath);
      expect(upstream.requests[0]?.json).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    });

    it('decodes multi-byte characters split inside their UTF-8 sequence', async () => {
      upstream.setHandler(async (_request, response) => {
        sseHeaders(response);
        await writeInPieces(response, toSse(multibyte), 1);
        response.end();
      });
      const result = await collectStream(adapter.stream(request));
      expect(result.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]?.message.content).toBe('héllo ✓ 😊 naïve — done');
    });

    it('yields parts as slow chunks arrive, before the upstream has finished', async () => {
      let upstreamDone = false;
      upstream.setHandler(async (_request, response) => {
        sseHeaders(response);
        for (const word of ['one ', 'two ', 'three']) {
          response.write(toSse([textChunk(word)], { done: false }));
          await sleep(40);
        }
        response.write(toSse([{ ...(textChunk('') as object), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }]));
        upstreamDone = true;
        response.end();
      });
      const seen: { part: StreamPart; upstreamDone: boolean }[] = [];
      for await (const part of adapter.stream(request)) seen.push({ part, upstreamDone });
      const firstText = seen.find((entry) => entry.part.type === 'text-delta');
      expect(firstText?.upstreamDone).toBe(false);
      expect(seen.filter((entry) => entry.part.type === 'text-delta').map((entry) => (entry.part as { delta: string }).delta)).toEqual(['one ', 'two ', 'three']);
      expect(seen.at(-1)?.part.type).toBe('finish');
    });

    it('keeps the connection after a finished stream whose body ends after [DONE], without holding the stream back', async () => {
      let ended = 0;
      upstream.setHandler(async (_request, response) => {
        sseHeaders(response);
        response.write(toSse([textChunk('kept'), { ...(textChunk('') as object), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }]));
        await sleep(30);
        response.end();
        ended += 1;
      });
      const before = upstream.connections;
      for (let round = 0; round < 3; round += 1) {
        const result = await collectStream(adapter.stream(request));
        expect(result.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]?.message.content).toBe('kept');
        // The stream is complete for the caller before the upstream closed its body.
        expect(ended).toBe(round);
        await sleep(60);
      }
      expect(upstream.connections - before).toBeLessThanOrEqual(1);
    });

    it('ends with a network error part, without throwing, when the upstream disconnects mid-stream', async () => {
      upstream.setHandler(async (_request, response) => {
        sseHeaders(response);
        response.write(toSse([textChunk('partial ')], { done: false }));
        await sleep(20);
        response.socket?.destroy();
      });
      const parts = await collectParts(adapter.stream(request));
      expect(parts.filter((part) => part.type === 'text-delta')).toEqual([{ type: 'text-delta', delta: 'partial ' }]);
      expect(errorOf(parts).kind).toBe('network');
    });

    it('throws a retryable rate_limit error with retryAfterMs for a 429 (stream and chat)', async () => {
      upstream.setHandler((_request, response) =>
        sendJson(response, 429, { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': '2' }),
      );
      for (const error of [await firstNextError(adapter.stream(request)), await adapter.chat(request).catch((caught: unknown) => caught)]) {
        expect(isProviderError(error)).toBe(true);
        if (!isProviderError(error)) continue;
        expect(error.kind).toBe('rate_limit');
        expect(error.retryable).toBe(true);
        expect(error.retryAfterMs).toBe(2000);
        expect(error.providerStatus).toBe(429);
        expect(error.providerCode).toBe('rate_limit_exceeded');
      }
    });

    it('throws a retryable server error for a 500', async () => {
      upstream.setHandler((_request, response) => sendJson(response, 500, { error: { message: 'The server had an error', type: 'server_error' } }));
      const error = await firstNextError(adapter.stream(request));
      expect(isProviderError(error) && error.kind).toBe('server');
      expect(isProviderError(error) && error.retryable).toBe(true);
      expect(isProviderError(error) && error.providerStatus).toBe(500);
    });

    it('ends with a decode error part for a malformed JSON chunk', async () => {
      upstream.setHandler((_request, response) => {
        sseHeaders(response);
        response.write(toSse([textChunk('ok ')], { done: false }));
        response.end('data: {"id":"x","choices":[{"delta":{"content":"br\n\n');
      });
      const parts = await collectParts(adapter.stream(request));
      expect(parts.find((part) => part.type === 'text-delta')).toEqual({ type: 'text-delta', delta: 'ok ' });
      expect(errorOf(parts).kind).toBe('decode');
    });

    it('closes the upstream socket within 100 ms when the caller aborts mid-stream', async () => {
      upstream.setHandler((_request, response) => {
        sseHeaders(response);
        response.write(toSse([textChunk('first ')], { done: false }));
        // and then nothing: the upstream would keep the stream open forever
      });
      const controller = new AbortController();
      const { parts, abortedAt } = await abortAtFirstText(adapter.stream(request, { signal: controller.signal }), controller);
      expect(errorOf(parts).kind).toBe('aborted');
      expect(await socketCloseDelay(upstream, abortedAt)).toBeLessThan(100);
    });

    it('times out while waiting for headers (chat and stream) and between stream chunks', async () => {
      upstream.setHandler(() => {
        // never answers
      });
      const chatError = await adapter.chat(request, { timeoutMs: 150 }).catch((caught: unknown) => caught);
      expect(isProviderError(chatError) && chatError.kind).toBe('timeout');
      const streamError = await firstNextError(adapter.stream(request, { timeoutMs: 150 }));
      expect(isProviderError(streamError) && streamError.kind).toBe('timeout');

      upstream.setHandler((_request, response) => {
        sseHeaders(response);
        response.write(toSse([textChunk('stalls after this')], { done: false }));
      });
      const parts = await collectParts(adapter.stream(request, { timeoutMs: 150 }));
      expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
      expect(errorOf(parts).kind).toBe('timeout');
    });

    it('rejects with aborted when the caller aborts a non-streaming call', async () => {
      upstream.setHandler(() => {
        // never answers
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const error = await adapter.chat(request, { signal: controller.signal }).catch((caught: unknown) => caught);
      expect(isProviderError(error) && error.kind).toBe('aborted');
    });

    it('leaves nothing attached to a long-lived caller signal once calls finish, and still times out a stalled JSON body', async () => {
      const session = new AbortController();
      upstream.setHandler((_request, response) => {
        sendJson(response, 200, { id: 'chatcmpl-wire', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] });
      });
      for (let call = 0; call < 5; call += 1) await adapter.chat(request, { signal: session.signal });
      upstream.setHandler(async (_request, response) => {
        sseHeaders(response);
        response.end(toSse([textChunk('ok'), { ...(textChunk('') as object), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }]));
      });
      for (let call = 0; call < 5; call += 1) await collectStream(adapter.stream(request, { signal: session.signal }));
      await sleep(20);
      expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);

      upstream.setHandler((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
        response.write('{"id": "chatcmpl-stalled", ');
      });
      const error = await adapter.chat(request, { signal: session.signal, timeoutMs: 150 }).catch((caught: unknown) => caught);
      expect(isProviderError(error) && error.kind).toBe('timeout');
      expect(session.signal.aborted).toBe(false);
    });
  });
}
