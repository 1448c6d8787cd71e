import { collectStream, parseChatRequest, ProviderError } from '@refract/core';
import { sendJson, sleep, startFakeUpstream, writeSlowly, type FakeUpstream } from '@refract/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGeminiAdapter } from './index';
import { abortAtFirstText, collectParts, socketCloseDelay } from '../shared/testing/stream-test-helpers';
import { readChunkLines, sseBody, TEST_API_KEY } from './test-fixtures';

const MODEL = 'gemini-2.5-flash';
const request = parseChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'Cook something' }] });
const nested = readChunkLines('google-vertex-stream-tool-call-arguments-nested.1.chunks.txt');
const text = readChunkLines('google-text.chunks.txt');

let upstream: FakeUpstream;
beforeEach(async () => {
  upstream = await startFakeUpstream((_request, response) => sendJson(response, 500, {}));
});
afterEach(async () => {
  await upstream.close();
});

const adapter = (timeoutMs = 5_000) => createGeminiAdapter({ apiKey: TEST_API_KEY, baseURL: `${upstream.url}/v1beta`, timeoutMs });
const sseHeaders = { 'content-type': 'text/event-stream' };

async function caught(run: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('Gemini adapter over real sockets', () => {
  it('sends the key in a header, not the URL, to the streaming endpoint', async () => {
    upstream.setHandler((_request, response) => {
      response.writeHead(200, sseHeaders);
      response.end(sseBody(text));
    });
    await collectStream(adapter().stream(request));
    expect(upstream.requests[0]?.url).toBe(`/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
    expect(upstream.requests[0]?.headers['x-goog-api-key']).toBe(TEST_API_KEY);
    expect(upstream.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('decodes events split every %i bytes (multi-byte characters included)', async (splitEvery) => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, sseHeaders);
      await writeSlowly(response, [sseBody(nested)], { splitEvery });
      response.end();
    });
    const result = await collectStream(adapter().stream(request));
    expect(result.error).toBeUndefined();
    const args = JSON.parse(result.toCompletion({ id: 'x', model: MODEL, created: 1 }).choices[0]?.message.tool_calls?.[0]?.function.arguments ?? '');
    expect(args.recipe.steps[0]).toBe('Preheat oven to 375°F (190°C).');
    expect(result.usage).toMatchObject({ inputTokens: 31, outputTokens: 1710 });
  });

  it('waits for slow chunks', async () => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, sseHeaders);
      await writeSlowly(response, text.map((line) => `data: ${line}\n\n`), { delayMs: 40 });
      response.end();
    });
    const result = await collectStream(adapter().stream(request));
    expect(result.toCompletion({ id: 'x', model: MODEL, created: 1 }).choices[0]?.message.content).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
  });

  it('ends with a network error part, not a crash, when the upstream disconnects mid-stream', async () => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, sseHeaders);
      response.write(`data: ${text[0]}\n\n`);
      await sleep(20);
      response.socket?.destroy();
    });
    const parts = await collectParts(adapter().stream(request));
    expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.kind).toBe('network');
  });

  it('throws rate_limit with the retry-after header on 429, before any part', async () => {
    upstream.setHandler((_request, response) =>
      sendJson(response, 429, { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } }, { 'retry-after': '2' }),
    );
    const error = await caught(() => collectStream(adapter().stream(request)));
    expect(error).toMatchObject({ kind: 'rate_limit', retryable: true, retryAfterMs: 2000, providerStatus: 429 });
  });

  it('throws a retryable server error on 500 and overloaded on 503', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 500, { error: { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' } }));
    expect(await caught(() => adapter().chat(request))).toMatchObject({ kind: 'server', retryable: true, providerStatus: 500, providerCode: 'INTERNAL' });
    upstream.setHandler((_request, response) => sendJson(response, 503, { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }));
    expect(await caught(() => adapter().chat(request))).toMatchObject({ kind: 'overloaded', retryable: true, providerStatus: 503 });
    upstream.setHandler((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad Gateway</html>');
    });
    expect(await caught(() => adapter().chat(request))).toMatchObject({ kind: 'server', retryable: true, providerStatus: 502 });
  });

  it('recognises context overflow with the window Gemini names', async () => {
    upstream.setHandler((_request, response) =>
      sendJson(response, 400, {
        error: { code: 400, message: 'The input token count (1290044) exceeds the maximum number of tokens allowed (1048576).', status: 'INVALID_ARGUMENT' },
      }),
    );
    const error = await caught(() => adapter().chat(request));
    expect(error).toMatchObject({ kind: 'context_overflow', contextWindow: 1_048_576, retryable: false, code: 'REFRACT_ERR_CONTEXT_TOO_LARGE' });
  });

  it('turns a malformed JSON chunk into a decode error part', async () => {
    upstream.setHandler((_request, response) => {
      response.writeHead(200, sseHeaders);
      response.end(`data: ${text[0]}\n\ndata: {"candidates":[{"content":\n\n`);
    });
    const parts = await collectParts(adapter().stream(request));
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(1);
    const last = parts.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('decode');
    expect(last?.type === 'error' && last.error.code).toBe('REFRACT_ERR_STREAM_DECODE');
  });

  it('turns an in-band error event of a 200 stream into the final error part with its kind', async () => {
    upstream.setHandler((_request, response) => {
      response.writeHead(200, sseHeaders);
      response.end(`data: ${text[0]}\n\ndata: {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}\n\n`);
    });
    const parts = await collectParts(adapter().stream(request));
    const last = parts.at(-1);
    expect(last?.type === 'error' && last.error).toMatchObject({ kind: 'overloaded', retryable: true });
  });

  it('closes the upstream socket within 100 ms when the caller aborts mid-stream', async () => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, sseHeaders);
      response.write(`data: ${text[0]}\n\n`);
      await sleep(5_000);
      response.end();
    });
    const controller = new AbortController();
    const { parts, abortedAt } = await abortAtFirstText(adapter().stream(request, { signal: controller.signal }), controller);
    const last = parts.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('aborted');
    expect(await socketCloseDelay(upstream, abortedAt)).toBeLessThan(100);
  });

  it('times out a stream that stalls, and a call whose headers never come', async () => {
    upstream.setHandler(async (_request, response) => {
      response.writeHead(200, sseHeaders);
      response.write(`data: ${text[0]}\n\n`);
      await sleep(2_000);
      response.end();
    });
    const parts = await collectParts(adapter(200).stream(request));
    const last = parts.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('timeout');

    upstream.setHandler(async (_request, response) => {
      await sleep(2_000);
      sendJson(response, 200, {});
    });
    expect(await caught(() => collectStream(adapter(200).stream(request)))).toMatchObject({ kind: 'timeout', retryable: true });
    expect(await caught(() => adapter(200).chat(request))).toMatchObject({ kind: 'timeout' });
  });

  it('ends with an error part when the stream closes cleanly without a finish reason', async () => {
    upstream.setHandler((_request, response) => {
      response.writeHead(200, sseHeaders);
      response.end(`data: ${text[0]}\n\n`);
    });
    const parts = await collectParts(adapter().stream(request));
    expect(parts.at(-1)).toMatchObject({ type: 'error' });
  });
});
