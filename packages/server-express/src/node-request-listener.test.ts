import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, createRouter } from '@refract/core';
import { scriptedAdapter } from '@refract/test-support';
import { nodeRequestListener } from './node-request-listener';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function plainNodeServer(): Promise<string> {
  const router = createRouter({ providers: [{ id: 'openai', models: ['gpt-4o-mini'] }], adapters: { openai: scriptedAdapter('openai', [{ reply: 'hi from node:http' }]) } });
  // The whole bridge for a plain node:http server, as docs/servers.md shows it.
  const server = createServer(nodeRequestListener(createHandler(router)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('nodeRequestListener', () => {
  it('serves the core handler from a plain node:http server', async () => {
    const base = await plainNodeServer();
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content).toBe('hi from node:http');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('answers a request a web Request cannot represent with a 400, and keeps serving', async () => {
    const base = await plainNodeServer();
    const status = await new Promise<number | undefined>((resolve, reject) => {
      httpRequest(`${base}/v1/models`, { method: 'TRACE' }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(400);
    expect((await fetch(`${base}/v1/models`)).status).toBe(200);
  });
});
