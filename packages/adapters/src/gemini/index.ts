import type { ProviderAdapter } from '@refract/core';
import { GeminiAdapter } from './gemini-adapter';
import type { GeminiAdapterOptions } from './gemini-options';

export type { GeminiAdapterOptions } from './gemini-options';

/**
 * Creates the Gemini API adapter (`generateContent`, `streamGenerateContent`, embeddings, model
 * list). See docs/providers/gemini.md for what is translated and what produces a warning.
 *
 * @example
 * import { createGeminiAdapter } from '@refract/adapters/gemini';
 * const gemini = createGeminiAdapter({ apiKey: process.env.GEMINI_API_KEY });
 * const { response } = await gemini.chat({ model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createGeminiAdapter(options: GeminiAdapterOptions = {}): ProviderAdapter {
  return new GeminiAdapter(options);
}
