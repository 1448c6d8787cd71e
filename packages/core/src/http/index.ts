export { storageHooks, requestLogOf, type StorageHooks, type StorageHooksOptions } from './storage-hooks';
export { createHandler, type FetchHandler } from './create-handler';
export type { HandlerOptions, Identity, Admitted, CompletionEvent } from './handler-options';
export { matchRoute, type RouteMatch } from './match-route';
export { jsonResponse, errorResponse, RESPONSE_TEXT } from './responses';
export { readJsonBody, DEFAULT_MAX_BODY_BYTES } from './read-json-body';
export { sseResponse } from './sse-response';
