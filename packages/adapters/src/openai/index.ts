/**
 * `@refract/adapters/openai`: OpenAI and every OpenAI-compatible API.
 *
 * @example
 * import { createOpenAIAdapter } from '@refract/adapters/openai';
 * const openai = createOpenAIAdapter({ apiKey: process.env.OPENAI_API_KEY });
 */
export { createOpenAIAdapter } from './openai-adapter';
export type { OpenAIAdapterOptions } from './openai-options';
