import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@refract/test-support';
import { writeWebResponse } from './write-web-response';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server answering every request with `respond()`, written by writeWebResponse. */
async function serveResponse(respond: () => Response): Promise<{ url: string; finished: Promise<void>[] }> {
  const finished: Promise<void>[] = [];
  const server = createServer((_incoming, outgoing) => {
    finished.push(writeWebResponse(respond(), outgoing));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, finished };
}

function get(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => httpRequest(url, resolve).on('error', reject).end());
}

describe('writeWebResponse', () => {
  it('writes status, headers (every set-cookie) and body', async () => {
    const headers = new Headers({ 'content-type': 'application/json', 'x-refract-model': 'gpt-4o-mini' });
    headers.append('set-cookie', 'a=1');
    headers.append('set-cookie', 'b=2');
    const { url } = await serveResponse(() => new Response('{"ok":true}', { status: 201, statusText: 'Made', headers }));
    const response = await get(url);
    expect(response.statusCode).toBe(201);
    expect(response.statusMessage).toBe('Made');
    expect(response.headers['x-refract-model']).toBe('gpt-4o-mini');
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    let body = '';
    for await (const chunk of response) body += String(chunk);
    expect(body).toBe('{"ok":true}');
  });

  it('flushes event-stream headers before the first event exists', async () => {
    const { url } = await serveResponse(() => new Response(new ReadableStream({ pull: () => new Promise(() => undefined) }), { headers: { 'content-type': 'text/event-stream' } }));
    const response = await get(url);
    expect(response.headers['content-type']).toBe('text/event-stream');
    response.destroy();
  });

  it('does not read ahead of a client that stops reading, and delivers every byte once it reads', async () => {
    const chunkBytes = 1024 * 1024;
    const total = 64;
    let pulled = 0;
    const { url, finished } = await serveResponse(
      () =>
        new Response(
          new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                if (pulled === total) {
                  controller.close();
                  return;
                }
                pulled += 1;
                controller.enqueue(new Uint8Array(chunkBytes).fill(pulled % 256));
              },
            },
            { highWaterMark: 0 },
          ),
        ),
    );
    const response = await get(url);
    response.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pulledWhilePaused = pulled;
    // Socket buffers hold a few MiB; without backpressure all 64 MiB would have been pulled.
    expect(pulledWhilePaused).toBeLessThan(total / 2);
    let received = 0;
    response.on('data', (chunk: Buffer) => (received += chunk.length));
    response.resume();
    await new Promise((resolve) => response.on('end', resolve));
    expect(received).toBe(total * chunkBytes);
    await finished[0];
  });

  it('cancels the body when the client goes away mid-stream', async () => {
    let cancelledAt: number | undefined;
    const { url, finished } = await serveResponse(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('data: first\n\n'));
            },
            pull: () => new Promise(() => undefined),
            cancel() {
              cancelledAt = performance.now();
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    const response = await get(url);
    await new Promise((resolve) => response.once('data', resolve));
    const droppedAt = performance.now();
    response.destroy();
    await waitFor(() => cancelledAt !== undefined, 2000, 'the body to be cancelled');
    expect(cancelledAt! - droppedAt).toBeLessThan(100);
    await finished[0];
  });

  it('cuts the connection when the body fails part-way, so the client never sees a clean end', async () => {
    const { url } = await serveResponse(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('partial'));
              setTimeout(() => controller.error(new Error('source failed')), 20);
            },
          }),
        ),
    );
    const response = await get(url);
    const outcome = await new Promise<string>((resolve) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve('clean end'));
      response.on('error', () => resolve('error'));
      response.on('aborted', () => resolve('error'));
    });
    expect(outcome).toBe('error');
  });
});
