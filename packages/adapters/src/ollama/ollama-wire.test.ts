import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectStream, isProviderError, type ChatRequest, type StreamPart } from '@refract/core';
import { sendJson, sleep, startFakeUpstream, type FakeUpstream } from '@refract/test-support';
import { generateExampleAsChatLines, ollamaDocExample, toNdjson } from '../shared/testing/ollama-fixtures';
import { abortAtFirstText, collectParts, errorOf, firstNextError, socketCloseDelay } from '../shared/testing/stream-test-helpers';
import { createOllamaAdapter } from './ollama-adapter';

/**
 * Real sockets against a local server speaking Ollama's NDJSON. The streams are built from the
 * documented first and final chunks with the middle filled in as Ollama streams it.
 */

const request: ChatRequest = { model: 'llama3.2', messages: [{ role: 'user', content: 'Why is the sky blue?' }] };
const words = ['The', ' sky', ' is', ' blue', ' because', ' of', ' Rayleigh', ' scattering', ' — ', 'naïve ✓ 😊'];

function fullTextStream(): Record<string, unknown>[] {
  const first = ollamaDocExample('Chat request (Streaming)', 'stream_chunk');
  const final = ollamaDocExample('Chat request (Streaming)', 'stream_final');
  const message = first['message'] as Record<string, unknown>;
  return [...words.map((word) => ({ ...first, message: { ...message, content: word } })), final];
}

function toolStream(): Record<string, unknown>[] {
  const call = ollamaDocExample('Chat request (Streaming with tools)', 'stream_chunk');
  const thinking = { ...call, message: { role: 'assistant', content: '', thinking: 'Need the weather tool.' } };
  return [thinking, call, ollamaDocExample('Chat request (Streaming with tools)', 'stream_final')];
}

async function writeInPieces(response: ServerResponse, text: string, size: number): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; offset += size) {
    if (response.destroyed) return;
    response.write(bytes.subarray(offset, offset + size));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const ndjsonHeaders = (response: ServerResponse): void => {
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
};

describe('ollama adapter: real sockets against a local NDJSON upstream', () => {
  let upstream: FakeUpstream;
  let adapter: ReturnType<typeof createOllamaAdapter>;
  beforeAll(async () => {
    upstream = await startFakeUpstream((_request, response) => {
      response.end();
    });
    adapter = createOllamaAdapter({ host: upstream.url });
  });
  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });
  afterEach(() => {
    upstream.requests.length = 0;
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('decodes text and tool-call streams written %i byte(s) per TCP write', async (size) => {
    upstream.setHandler(async (_request, response) => {
      ndjsonHeaders(response);
      await writeInPieces(response, toNdjson(fullTextStream()), size);
      response.end();
    });
    const text = await collectStream(adapter.stream(request));
    expect(text.error).toBeUndefined();
    expect(text.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0]).toMatchObject({ message: { content: words.join('') }, finish_reason: 'stop' });
    expect(text.usage).toEqual({ inputTokens: 26, outputTokens: 282 });
    expect(upstream.requests[0]).toMatchObject({ url: '/api/chat', json: { model: 'llama3.2', stream: true } });

    upstream.setHandler(async (_request, response) => {
      ndjsonHeaders(response);
      await writeInPieces(response, toNdjson(toolStream()), size);
      response.end();
    });
    const tools = await collectStream(adapter.stream(request));
    const choice = tools.toCompletion({ id: 'x', model: 'x', created: 0 }).choices[0];
    expect(choice?.message.reasoning_content).toBe('Need the weather tool.');
    expect(choice?.message.tool_calls?.map((call) => [call.function.name, call.function.arguments])).toEqual([['get_weather', '{"city":"Tokyo"}']]);
    expect(choice?.finish_reason).toBe('tool_calls');
  });

  it('yields parts as slow lines arrive, before the upstream has finished', async () => {
    let upstreamDone = false;
    upstream.setHandler(async (_request, response) => {
      ndjsonHeaders(response);
      for (const line of fullTextStream()) {
        response.write(toNdjson([line]));
        await sleep(15);
      }
      upstreamDone = true;
      response.end();
    });
    const seen: { part: StreamPart; upstreamDone: boolean }[] = [];
    for await (const part of adapter.stream(request)) seen.push({ part, upstreamDone });
    expect(seen.find((entry) => entry.part.type === 'text-delta')?.upstreamDone).toBe(false);
    expect(seen.at(-1)?.part).toEqual({ type: 'finish', finishReason: 'stop' });
  });

  it('ends with a network error part when the upstream disconnects mid-stream', async () => {
    upstream.setHandler(async (_request, response) => {
      ndjsonHeaders(response);
      response.write(toNdjson(fullTextStream().slice(0, 3)));
      await sleep(20);
      response.socket?.destroy();
    });
    const parts = await collectParts(adapter.stream(request));
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(3);
    expect(errorOf(parts).kind).toBe('network');
  });

  it('ends with a server error part for an {"error": ...} line after output (errors-example-2)', async () => {
    upstream.setHandler((_request, response) => {
      ndjsonHeaders(response);
      response.end(toNdjson(generateExampleAsChatLines('errors-example-2.ndjson')));
    });
    const parts = await collectParts(adapter.stream(request));
    expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(4);
    expect(errorOf(parts).kind).toBe('server');
  });

  it('ends with a decode error part for a malformed line', async () => {
    upstream.setHandler((_request, response) => {
      ndjsonHeaders(response);
      response.end(`${toNdjson(fullTextStream().slice(0, 1))}{"model":"llama3.2","message":{"content":\n`);
    });
    const parts = await collectParts(adapter.stream(request));
    expect(parts.filter((part) => part.type === 'text-delta')).toEqual([{ type: 'text-delta', delta: 'The' }]);
    expect(errorOf(parts).kind).toBe('decode');
  });

  it('throws a retryable rate_limit error with retryAfterMs for a 429, and a server error for a 500', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 429, { error: 'server busy, please try again.  maximum pending requests exceeded' }, { 'retry-after': '3' }));
    const limited = await firstNextError(adapter.stream(request));
    expect(isProviderError(limited) && [limited.kind, limited.retryable, limited.retryAfterMs]).toEqual(['rate_limit', true, 3000]);
    upstream.setHandler((_request, response) => sendJson(response, 500, { error: 'llama runner process has terminated: exit status 2' }));
    const failed = await adapter.chat(request).catch((caught: unknown) => caught);
    expect(isProviderError(failed) && [failed.kind, failed.retryable, failed.providerStatus]).toEqual(['server', true, 500]);
  });

  it('throws not_found for a model that is not pulled', async () => {
    upstream.setHandler((_request, response) => sendJson(response, 404, { error: 'model "llama9" not found, try pulling it first' }));
    const error = await firstNextError(adapter.stream({ ...request, model: 'llama9' }));
    expect(isProviderError(error) && error.kind).toBe('not_found');
    expect((error as Error).message).toContain('try pulling it first');
  });

  it('closes the upstream socket within 100 ms when the caller aborts mid-stream', async () => {
    upstream.setHandler((_request, response) => {
      ndjsonHeaders(response);
      response.write(toNdjson(fullTextStream().slice(0, 1)));
    });
    const controller = new AbortController();
    const { parts, abortedAt } = await abortAtFirstText(adapter.stream(request, { signal: controller.signal }), controller);
    expect(errorOf(parts).kind).toBe('aborted');
    expect(await socketCloseDelay(upstream, abortedAt)).toBeLessThan(100);
  });

  it('times out waiting for headers, and between lines', async () => {
    upstream.setHandler(() => {
      // never answers
    });
    const headers = await firstNextError(adapter.stream(request, { timeoutMs: 150 }));
    expect(isProviderError(headers) && headers.kind).toBe('timeout');
    const chat = await adapter.chat(request, { timeoutMs: 150 }).catch((caught: unknown) => caught);
    expect(isProviderError(chat) && chat.kind).toBe('timeout');
    upstream.setHandler((_request, response) => {
      ndjsonHeaders(response);
      response.write(toNdjson(fullTextStream().slice(0, 1)));
    });
    const parts = await collectParts(adapter.stream(request, { timeoutMs: 150 }));
    expect(errorOf(parts).kind).toBe('timeout');
  });
});
