export { type BaseAdapterOptions, DEFAULT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS } from './adapter-options';
export { HttpClient, combineSignals, toNetworkError, headerValue, messageOf, type HttpCall, type HttpResponse, type ResponseBody } from './http';
export { errorFromResponse, parseCommonErrorBody, readBounded, type ParsedErrorBody } from './provider-http-error';
export { readSseEvents } from './sse';
export { readLines } from './ndjson';
export { readJsonBody } from './read-json';
export { guardStream, decodeError, type GuardStreamOptions } from './guard-stream';
export { generateId, unixSeconds } from './ids';
