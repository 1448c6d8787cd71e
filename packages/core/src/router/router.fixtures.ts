import type { RouterOptions } from './create-router';

/** A small, realistic provider setup shared by the router tests. */
export const testProviders: NonNullable<RouterOptions['providers']> = [
  { id: 'openai', type: 'openai', models: ['gpt-4.1-nano', 'gpt-4o-mini', 'gpt-4o', 'o3', 'gpt-4.1'] },
  { id: 'anthropic', type: 'anthropic', models: ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-6'] },
  { id: 'local', type: 'ollama', models: [{ id: 'llama3.1:8b', catalogId: 'llama-3.1-8b', pricing: { input: 0, output: 0 } }] },
];

export const say = (content: string, extra: Record<string, unknown> = {}) => ({ model: 'auto', messages: [{ role: 'user' as const, content }], ...extra });
