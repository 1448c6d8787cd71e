import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FetchHandler } from '@refract/core';
import { toWebRequest } from './to-web-request';
import { writeWebResponse } from './write-web-response';

export interface NodeRequestListenerOptions {
  /** `http`/`https` for the URL the handler sees, or a function of the request. Default: from the socket. */
  protocol?: string | ((incoming: IncomingMessage) => string);
}

/**
 * A `node:http` request listener that serves a fetch-style handler: the request becomes a web
 * `Request` (body streamed, `signal` aborted when the client goes away before the response
 * finished), and the `Response` is written back as it is produced, with backpressure.
 * The listener's promise never rejects.
 *
 * @example
 * import { createServer } from 'node:http';
 * createServer(nodeRequestListener(createHandler(router, hooks.handlerOptions))).listen(8787, '127.0.0.1');
 */
export function nodeRequestListener(handle: FetchHandler, options: NodeRequestListenerOptions = {}): (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void> {
  return async (incoming, outgoing) => {
    const controller = new AbortController();
    const onClose = (): void => {
      if (!outgoing.writableFinished) controller.abort(new Error('the client closed the connection'));
    };
    outgoing.on('close', onClose);
    let request: Request;
    try {
      const protocol = typeof options.protocol === 'function' ? options.protocol(incoming) : options.protocol;
      request = toWebRequest(incoming, {
        signal: controller.signal,
        ...(protocol ? { protocol } : {}),
        onBodyAbandoned: () => {
          if (!outgoing.headersSent) outgoing.setHeader('connection', 'close');
        },
      });
    } catch (error) {
      // Node accepts requests a web Request cannot represent (TRACE, CONNECT, odd methods).
      outgoing.off('close', onClose);
      fail(outgoing, 400, `This request cannot be served: ${error instanceof Error ? error.message : String(error)}`, 'invalid_request_error');
      return;
    }
    try {
      await writeWebResponse(await handle(request), outgoing);
    } catch (error) {
      // Only a bug gets here: the core handler answers every error itself.
      if (outgoing.headersSent) outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
      else fail(outgoing, 500, 'Internal server error', 'server_error');
    } finally {
      outgoing.off('close', onClose);
    }
  };
}

function fail(outgoing: ServerResponse, status: number, message: string, type: string): void {
  outgoing.statusCode = status;
  outgoing.setHeader('content-type', 'application/json');
  outgoing.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
}
