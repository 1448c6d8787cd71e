import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from './http-server';
import { createNodeListener, type FetchLike } from './node-listener';

let running: RunningHttpServer | undefined;
afterEach(async () => {
  await running?.close(100);
  running = undefined;
});

async function serve(handler: FetchLike): Promise<string> {
  running = await startHttpServer(createNodeListener(handler), { host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${running.port}`;
}

/** The server `serve` started (a function, so TypeScript does not narrow it after `running = undefined`). */
const current = (): RunningHttpServer => running as RunningHttpServer;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the node:http bridge', () => {
  it('passes method, path, query, headers and a streamed body through, and answers with status, headers and content-length', async () => {
    const url = await serve(async (request) => {
      const body = await request.text();
      return Response.json({ method: request.method, url: request.url, auth: request.headers.get('authorization'), body }, { status: 201, headers: { 'x-refract-model': 'gpt-4o' } });
    });
    const big = 'x'.repeat(300_000);
    const response = await fetch(`${url}/v1/chat/completions?a=1`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: big });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-refract-model')).toBe('gpt-4o');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(300_000);
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ method: 'POST', url: `${url}/v1/chat/completions?a=1`, auth: 'Bearer k' });
    expect((json['body'] as string).length).toBe(300_000);
  });

  it('hands the handler a Request: own fast members, a body stream, and every other member from a real Request', async () => {
    const seen: Record<string, unknown> = {};
    const url = await serve(async (request) => {
      seen['instance'] = request instanceof Request;
      seen['signal'] = request.signal instanceof AbortSignal && !request.signal.aborted;
      seen['contentType'] = request.headers.get('content-type');
      if (request.url.endsWith('/json')) seen['json'] = await request.json();
      if (request.url.endsWith('/bytes')) seen['bytes'] = Array.from(await request.bytes());
      if (request.url.endsWith('/stream')) {
        const reader = (request.body as ReadableStream<Uint8Array>).getReader();
        let text = '';
        for (let next = await reader.read(); !next.done; next = await reader.read()) text += new TextDecoder().decode(next.value);
        seen['stream'] = text;
        seen['usedAfterStream'] = request.bodyUsed;
        seen['again'] = await request.text().then(() => 'read twice', (error: unknown) => (error as Error).name);
      }
      if (request.url.endsWith('/clone')) {
        seen['cache'] = request.cache;
        seen['clone'] = await request.clone().text();
      }
      if (request.url.endsWith('/get')) seen['getBody'] = request.body;
      return new Response('ok');
    });
    await fetch(`${url}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' });
    expect(seen).toMatchObject({ instance: true, signal: true, contentType: 'application/json', json: { a: [1, 2] } });
    await fetch(`${url}/bytes`, { method: 'POST', body: 'AB' });
    expect(seen['bytes']).toEqual([65, 66]);
    await fetch(`${url}/stream`, { method: 'PUT', body: 'streamed body' });
    expect(seen).toMatchObject({ stream: 'streamed body', usedAfterStream: true, again: 'TypeError' });
    await fetch(`${url}/clone`, { method: 'POST', body: 'cloned body' });
    expect(seen).toMatchObject({ cache: 'default', clone: 'cloned body' });
    await fetch(`${url}/get`);
    expect(seen['getBody']).toBeNull();
  });

  it('writes each event-stream chunk as it is produced, not at the end', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const url = await serve(async () => {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode('data: first\n\n'));
          await gate;
          controller.enqueue(encoder.encode('data: [DONE]\n\n'));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    release();
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += new TextDecoder().decode(next.value);
    expect(rest).toBe('data: [DONE]\n\n');
  });

  it('stops pulling from the handler while the client does not read (backpressure), and cancels the body when the client leaves', async () => {
    let produced = 0;
    let cancelled = false;
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const url = await serve(async () => {
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          produced += chunk.byteLength;
          controller.enqueue(chunk);
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write('POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}');
    socket.pause();
    await sleep(400);
    // Without backpressure an endless stream would have produced hundreds of megabytes by now.
    expect(produced).toBeLessThan(16 * 1024 * 1024);
    const before = produced;
    await sleep(200);
    expect(produced - before).toBeLessThan(2 * 1024 * 1024);
    socket.destroy();
    for (let waited = 0; !cancelled && waited < 2000; waited += 20) await sleep(20);
    expect(cancelled).toBe(true);
  });

  it('aborts the request signal when the client disconnects before the answer', async () => {
    let aborted: () => void = () => undefined;
    const sawAbort = new Promise<void>((resolve) => (aborted = resolve));
    const url = await serve(
      (request) =>
        new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            aborted();
            resolve(new Response('late'));
          });
        }),
    );
    const controller = new AbortController();
    const pending = fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}', signal: controller.signal }).catch(() => undefined);
    await sleep(100);
    controller.abort();
    await pending;
    await expect(Promise.race([sawAbort.then(() => 'aborted'), sleep(2000).then(() => 'not aborted')])).resolves.toBe('aborted');
  });

  it('answers a handler failure with a 500 in OpenAI format and serves a bad Host header as localhost', async () => {
    const url = await serve(async (request) => {
      if (request.url.endsWith('/boom')) throw new Error('bug');
      return new Response(new URL(request.url).host);
    });
    const failed = await fetch(`${url}/boom`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { type: 'server_error', code: 'internal_error' } });
    const host = await new Promise<string>((resolve, reject) => {
      const outgoing = httpRequest(`${url}/`, { headers: { host: 'evil host/../' } }, (response) => {
        let text = '';
        response.on('data', (data: Buffer) => (text += data.toString()));
        response.on('end', () => resolve(text));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(host).toBe('localhost');
  });

  it('closes gracefully: refuses new connections, lets a request in flight finish, and cuts it only after the grace period', async () => {
    const url = await serve(async (request) => {
      await sleep(request.url.endsWith('/slow') ? 5000 : 200);
      return new Response('done');
    });
    const server = current();
    const inFlight = fetch(`${url}/fast`).then((response) => response.text());
    await sleep(50);
    expect(server.inFlight()).toBe(1);
    const closing = server.close(2000);
    await sleep(20);
    await expect(fetch(`${url}/fast`)).rejects.toThrow();
    expect(await inFlight).toBe('done');
    expect(await closing).toEqual({ cut: 0 });
    running = undefined;

    const again = await serve(async () => {
      await sleep(5000);
      return new Response('never');
    });
    const stuck = fetch(`${again}/slow`).catch((error: unknown) => error);
    await sleep(50);
    const started = performance.now();
    expect(await current().close(200)).toEqual({ cut: 1 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(await stuck).toBeInstanceOf(Error);
    running = undefined;
  });
});
