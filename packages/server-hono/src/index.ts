/**
 * @refract/server-hono: Refract's OpenAI-compatible API in a Hono app (`refract`), as a fetch
 * handler for Bun, Deno and Workers (`refractFetch`), and served on Node (`serve`). The core
 * handler does all protocol work; these only mount it.
 */
export { refract } from './refract-app';
export type { RefractHonoOptions } from './mount-options';
export { refractFetch } from './refract-fetch';
export { serve, type ServeOptions, type RefractServer } from './serve';
export { stripPrefix } from './strip-prefix';
