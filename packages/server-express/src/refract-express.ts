import { createHandler, matchRoute, type FetchHandler, type GatewayMetrics, type HandlerOptions, type Router } from '@refract/core';
import express from 'express';
import { nodeRequestListener } from './node-request-listener';

export interface RefractExpressOptions extends HandlerOptions {
  /**
   * Pass requests for paths Refract does not serve to the next Express handler instead of
   * answering them with an OpenAI-format 404, for mounting at the root of an app. Default false:
   * the mount path is Refract's namespace.
   */
  fallthrough?: boolean;
  /** `http`/`https` for the URL the handler sees. Default: Express's `req.protocol` (honours `trust proxy`). */
  protocol?: string;
}

/**
 * Refract's OpenAI-compatible API as an Express 5 router. It bridges Node's request and response
 * to the core handler and nothing more: the URL relative to the mount (`req.url`), headers, the
 * body streamed from the socket (or re-serialised when a body parser already read it), an abort
 * signal that fires when the client goes away, and the response written back as it is produced,
 * with backpressure, headers flushed at once for event streams.
 *
 * @example
 * import express from 'express';
 * import { refractExpress } from '@refract/server-express';
 *
 * const app = express();
 * app.get('/hello', (request, response) => response.send('hello'));
 * app.use('/ai', refractExpress(router, { ...hooks.handlerOptions }));
 * app.listen(3000);
 */
export function refractExpress(router: Router, options: RefractExpressOptions = {}): express.Router & { handler: FetchHandler & { metrics: GatewayMetrics } } {
  const { fallthrough = false, protocol, ...handlerOptions } = options;
  const handle = createHandler(router, handlerOptions);
  const listener = nodeRequestListener(handle, { protocol: (incoming) => protocol ?? (incoming as express.Request).protocol });
  const mount = express.Router();
  mount.use((request, response, next) => {
    if (fallthrough && matchRoute(pathOf(request.url)).kind === 'not-found') {
      next();
      return;
    }
    // Express has already made req.url relative to the mount path.
    void listener(request, response);
  });
  return Object.assign(mount, { handler: handle });
}

function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
