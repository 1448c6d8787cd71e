/**
 * `@refract/adapters/ollama`: Ollama's native API (`/api/chat`, `/api/embed`, `/api/tags`).
 *
 * @example
 * import { createOllamaAdapter } from '@refract/adapters/ollama';
 * const ollama = createOllamaAdapter(); // OLLAMA_HOST, else http://127.0.0.1:11434
 */
export { createOllamaAdapter } from './ollama-adapter';
export type { OllamaAdapterOptions } from './ollama-options';
