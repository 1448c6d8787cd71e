import type { IncomingMessage, ServerResponse } from 'node:http';
import { toWebRequest } from './node-request';
import { writeWebResponse } from './write-web-response';

export type FetchLike = (request: Request) => Promise<Response>;

export interface NodeListenerOptions {
  /** A handler failure (a bug: the core handler answers errors itself). The client gets a 500. */
  onError?: (error: unknown) => void;
}

/**
 * A `node:http` request listener that serves a web-standard fetch handler (`createHandler` of
 * `@refract/core`): Node request → `Request` (abort on client close), `Response` → Node response
 * (streamed with backpressure). The bridge has no protocol logic of its own.
 *
 * @example
 * createServer(createNodeListener(createHandler(router))).listen(8787, '127.0.0.1');
 */
export function createNodeListener(handler: FetchLike, options: NodeListenerOptions = {}): (incoming: IncomingMessage, response: ServerResponse) => void {
  return (incoming, response) => {
    const controller = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    let request: Request;
    try {
      request = toWebRequest(incoming, controller.signal);
    } catch (error) {
      options.onError?.(error);
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Malformed request', type: 'invalid_request_error', param: null, code: 'bad_request' } }));
      return;
    }
    handler(request)
      .then((webResponse) => writeWebResponse(webResponse, response))
      .catch((error: unknown) => {
        options.onError?.(error);
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Internal server error', type: 'server_error', param: null, code: 'internal_error' } }));
        } else {
          response.destroy();
        }
      });
  };
}
