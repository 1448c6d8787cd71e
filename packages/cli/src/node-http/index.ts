/**
 * Serving a web-standard fetch handler with `node:http`: used by `refract serve`. (The Express
 * mount bridges Node requests the same way; the two could share this once both are merged.)
 */
export { createNodeListener, type FetchLike, type NodeListenerOptions } from './node-listener';
export { startHttpServer, type HttpServerOptions, type RunningHttpServer } from './http-server';
export { toWebRequest, NodeRequest } from './node-request';
export { writeWebResponse } from './write-web-response';
