import type { ProviderAdapter } from '@refract/core';
import { AnthropicAdapter } from './anthropic-adapter';
import type { AnthropicAdapterOptions } from './anthropic-options';

export type { AnthropicAdapterOptions } from './anthropic-options';

/**
 * Creates an adapter for Anthropic's Messages API. Requests and responses are OpenAI-shaped;
 * system prompts, multi-turn tool use, images, thinking, stop reasons and usage (with prompt-cache
 * reads and writes) are translated both ways, in JSON and in streams. See docs/providers/anthropic.md.
 *
 * @example
 * const anthropic = createAnthropicAdapter({ apiKey: process.env.ANTHROPIC_API_KEY });
 * const { response, warnings } = await anthropic.chat({
 *   model: 'claude-sonnet-4-5',
 *   max_tokens: 1024,
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 * for await (const part of anthropic.stream({ model: 'claude-sonnet-4-5', messages })) console.log(part);
 */
export function createAnthropicAdapter(options: AnthropicAdapterOptions = {}): ProviderAdapter {
  return new AnthropicAdapter(options);
}
