#!/usr/bin/env node
// The floor for bench/gateway: a bare pass-through proxy (node:http + undici, keep-alive pool),
// doing the least any Node gateway must do: forward method, path, headers and body to UPSTREAM_URL
// and stream the answer back with backpressure, cancelling the upstream call when the client goes.
// Usage: UPSTREAM_URL=http://127.0.0.1:18080 PORT=18789 node bench/gateway/bare-proxy.mjs
import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Agent } from 'undici';

const upstream = new URL(process.env.UPSTREAM_URL ?? 'http://127.0.0.1:18080');
const port = Number(process.env.PORT ?? 18789);
const agent = new Agent({ keepAliveTimeout: 60_000, connections: 256 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const server = createServer(async (request, response) => {
  const controller = new AbortController();
  response.once('close', () => response.writableFinished || controller.abort());
  const headers = {};
  for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  try {
    const answer = await agent.request({
      origin: upstream.origin,
      path: request.url,
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? null : request,
      signal: controller.signal,
    });
    const out = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name)) out[name] = value;
    response.writeHead(answer.statusCode, out);
    response.flushHeaders();
    await pipeline(answer.body, response);
  } catch (error) {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: String(error), type: 'api_error' } }));
    else response.destroy();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`bare proxy on http://127.0.0.1:${port} -> ${upstream.origin}\n`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)) && server.closeAllConnections());
