import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface RunningHttpServer {
  server: Server;
  /** The bound address (the real port when 0 was asked for). */
  host: string;
  port: number;
  /** Requests whose response has not finished yet. */
  inFlight(): number;
  /**
   * Stops accepting connections, closes idle keep-alive connections, waits up to `graceMs` for
   * requests in flight to finish, then cuts what is left. Resolves with the number cut.
   */
  close(graceMs: number): Promise<{ cut: number }>;
}

/**
 * Listens with `node:http` and keeps count of requests in flight for a graceful shutdown.
 *
 * @throws the listen error (EADDRINUSE, EACCES, …).
 * @example
 * const running = await startHttpServer(listener, { host: '127.0.0.1', port: 0 });
 */
export async function startHttpServer(listener: (incoming: IncomingMessage, response: ServerResponse) => void, options: HttpServerOptions): Promise<RunningHttpServer> {
  let active = 0;
  let closing = false;
  const idleWaiters: (() => void)[] = [];
  const server = createServer({ noDelay: true, keepAliveTimeout: 65_000 }, (incoming, response) => {
    active += 1;
    if (closing) response.shouldKeepAlive = false;
    response.once('close', () => {
      active -= 1;
      if (active === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
    listener(incoming, response);
  });
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    host: address.address,
    port: address.port,
    inFlight: () => active,
    async close(graceMs) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const idle = active === 0 ? Promise.resolve(true) : new Promise<boolean>((resolve) => idleWaiters.push(() => resolve(true)));
      const finished = await Promise.race([idle, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
      clearTimeout(timer);
      const cut = finished ? 0 : active;
      server.closeAllConnections();
      await closed;
      return { cut };
    },
  };
}
