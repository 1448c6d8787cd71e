import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** `JSON.parse(body)` when the body is JSON, else undefined. */
  json: unknown;
}

export type UpstreamHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Times (performance.now()) at which client sockets closed, for abort tests. */
  socketCloses: number[];
  /** TCP connections accepted so far (a client that keeps its connection alive opens one). */
  readonly connections: number;
  /** Replace the handler for the next requests. */
  setHandler(handler: UpstreamHandler): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 that plays a provider: tests script what it sends, byte by
 * byte if they like, and inspect what it received.
 *
 * @example
 * const upstream = await startFakeUpstream(async (request, response) => {
 *   response.writeHead(200, { 'content-type': 'text/event-stream' });
 *   await writeSlowly(response, ['data: {"a":', '1}\n\n'], { delayMs: 5 });
 *   response.end();
 * });
 */
export async function startFakeUpstream(handler: UpstreamHandler): Promise<FakeUpstream> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const socketCloses: number[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body === '' ? undefined : JSON.parse(body);
      } catch {
        json = undefined;
      }
      const recorded: RecordedRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: incoming.headers, body, json };
      requests.push(recorded);
      Promise.resolve(current(recorded, response)).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500);
        response.end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      socketCloses.push(performance.now());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    socketCloses,
    get connections() {
      return connections;
    },
    setHandler: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes `parts` one by one with a pause between them, optionally re-split every `splitEvery`
 * bytes so frames cross TCP writes at arbitrary points. Stops quietly if the client went away.
 */
export async function writeSlowly(
  response: ServerResponse,
  parts: (string | Uint8Array)[],
  options: { delayMs?: number; splitEvery?: number } = {},
): Promise<void> {
  const pieces: Uint8Array[] = [];
  for (const part of parts) {
    const bytes = typeof part === 'string' ? new TextEncoder().encode(part) : part;
    if (options.splitEvery) {
      for (let offset = 0; offset < bytes.length; offset += options.splitEvery) pieces.push(bytes.slice(offset, offset + options.splitEvery));
    } else {
      pieces.push(bytes);
    }
  }
  for (const piece of pieces) {
    if (response.destroyed || response.writableEnded) return;
    response.write(piece);
    if (options.delayMs) await sleep(options.delayMs);
  }
}

/** Sends a JSON body with a status. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
