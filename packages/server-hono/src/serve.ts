import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createHandler, type FetchHandler, type GatewayMetrics, type HandlerOptions, type Router } from '@refract/core';

export interface ServeOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  hostname?: string;
  /** Options of the core handler (storage hooks, body limit, `onError`, …). */
  handlerOptions?: HandlerOptions;
  /**
   * Let @hono/node-server replace the global `Request`/`Response` with its faster lightweight
   * versions (its default). Set false to leave the globals alone.
   */
  overrideGlobalObjects?: boolean;
  /** How long `close()` waits for in-flight requests (open streams included) before cutting them. Default 10 000 ms. */
  closeGraceMs?: number;
}

export interface RefractServer {
  /** `http://<hostname>:<port>`, with the port actually bound. */
  url: string;
  hostname: string;
  port: number;
  server: Server;
  /** The core handler the server runs (its `metrics` too). */
  handler: FetchHandler & { metrics: GatewayMetrics };
  /**
   * Stops accepting connections, closes idle keep-alive connections, lets requests in flight
   * finish for up to `closeGraceMs`, then closes what is left (whose streams are then aborted,
   * cancelling their upstream calls). Close your storage hooks (`hooks.close()`) after this.
   */
  close(): Promise<void>;
}

/**
 * Serves a router's OpenAI-compatible API on Node through `@hono/node-server`. Client disconnects
 * abort the request (`request.signal`), which cancels the upstream call and any open stream.
 * Resolves once the server is listening; rejects if it cannot bind.
 *
 * @example
 * const server = await serve(router, { port: 8787, handlerOptions: hooks.handlerOptions });
 * console.log(`listening on ${server.url}`);
 * process.on('SIGTERM', async () => { await server.close(); await hooks.close(); });
 */
export async function serve(router: Router, options: ServeOptions = {}): Promise<RefractServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const handler = createHandler(router, options.handlerOptions);
  const server = createAdaptorServer({
    fetch: handler,
    hostname,
    ...(options.overrideGlobalObjects === undefined ? {} : { overrideGlobalObjects: options.overrideGlobalObjects }),
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error): void => reject(error);
    server.once('error', fail);
    server.listen(options.port ?? 8787, hostname, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    hostname: address.address,
    port: address.port,
    server,
    handler,
    close: () => (closing ??= closeServer(server, options.closeGraceMs ?? 10_000)),
  };
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
    cutOff.unref();
    server.close((error) => {
      clearTimeout(cutOff);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
