import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { toWebRequest, type ToWebRequestOptions } from './to-web-request';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Starts a server that turns each request into a web Request and answers with `inspect(request)`. */
async function inspecting(
  inspect: (request: Request, incoming: IncomingMessage) => Promise<string>,
  prepare: (incoming: IncomingMessage) => Promise<ToWebRequestOptions> = async () => ({}),
): Promise<string> {
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      try {
        const options = await prepare(incoming);
        outgoing.end(await inspect(toWebRequest(incoming, options), incoming));
      } catch (error) {
        outgoing.statusCode = 500;
        outgoing.end(String(error));
      }
    })();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function send(url: string, init: { method?: string; headers?: Record<string, string | string[]>; body?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, async (response) => {
      let text = '';
      for await (const chunk of response) text += String(chunk);
      resolve(text);
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

describe('toWebRequest', () => {
  it('keeps method, path, query, host and every header value, and streams the body', async () => {
    const base = await inspecting(async (request) =>
      JSON.stringify({ method: request.method, url: request.url, cookie: request.headers.get('x-multi'), body: await request.text() }),
    );
    const seen = JSON.parse(await send(`${base}/v1/chat/completions?x=1`, { method: 'POST', headers: { 'x-multi': ['a', 'b'] }, body: '{"hi":1}' })) as Record<string, string>;
    expect(seen).toEqual({ method: 'POST', url: `${base}/v1/chat/completions?x=1`, cookie: 'a, b', body: '{"hi":1}' });
  });

  it('uses the path it is given (the path relative to a mount) and the protocol it is told', async () => {
    const base = await inspecting(async (request) => request.url, async () => ({ url: '/v1/models', protocol: 'https' }));
    expect(await send(`${base}/ai/v1/models`)).toBe(`https://${new URL(base).host}/v1/models`);
  });

  it('re-serialises a body a parser already consumed', async () => {
    const base = await inspecting(
      async (request) => `${request.headers.get('content-type')}|${request.headers.get('content-length')}|${await request.text()}`,
      async (incoming) => {
        // What a body parser does: read the stream to its end, leave the value on the request.
        let text = '';
        for await (const chunk of incoming) text += String(chunk);
        (incoming as { body?: unknown }).body = JSON.parse(text) as unknown;
        return {};
      },
    );
    const seen = await send(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"parsed":   true}' });
    expect(seen).toBe('application/json|null|{"parsed":true}');
  });

  it('reads nothing until the body is read, and follows the abort signal', async () => {
    const controller = new AbortController();
    let request: Request | undefined;
    const base = await inspecting(async (webRequest, incoming) => {
      request = webRequest;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return `consumed=${incoming.readableEnded} unread=${incoming.readableLength}`;
    }, async () => ({ signal: controller.signal }));
    expect(await send(base, { method: 'POST', body: 'unread body' })).toBe('consumed=false unread=11');
    controller.abort();
    expect(request?.signal.aborted).toBe(true);
  });

  it('falls back to localhost for a malformed host header', async () => {
    const base = await inspecting(async (request) => new URL(request.url).host);
    expect(await send(base, { headers: { host: 'bad host/with spaces' } })).toBe('localhost');
  });
});
