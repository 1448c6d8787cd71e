/**
 * @refract/server-express: Refract's OpenAI-compatible API as an Express 5 router, and the Node
 * bridge under it (`nodeRequestListener`, `toWebRequest`, `writeWebResponse`) for any
 * `node:http` server.
 */
export { refractExpress, type RefractExpressOptions } from './refract-express';
export { nodeRequestListener, type NodeRequestListenerOptions } from './node-request-listener';
export { toWebRequest, type ToWebRequestOptions } from './to-web-request';
export { writeWebResponse } from './write-web-response';
