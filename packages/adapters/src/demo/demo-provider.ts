import type { ProviderConfigInput } from '@refract/core';
import { DEMO_PROVIDER_ID } from './demo-options';

/**
 * Models the demo provider offers: catalog models from every tier, so routing decisions look like
 * real ones (a greeting lands on a small model, a proof on a large one). No model is called.
 */
export const DEMO_CHAT_MODELS: readonly string[] = [
  'gpt-4.1-nano',
  'gpt-4o-mini',
  'claude-haiku-4-5',
  'gemini-2.5-flash',
  'gpt-4.1',
  'gpt-4o',
  'claude-sonnet-4-5',
  'gemini-2.5-pro',
  'o3',
  'claude-opus-4-5',
];

/** The demo's embedding model: never auto-routed, asked for by name. */
export const DEMO_EMBEDDING_MODEL = 'text-embedding-3-small';

/**
 * The router config of the demo provider (pair it with `createDemoAdapter()` under the same id).
 *
 * @example
 * const router = createRouter({ providers: [demoProviderConfig()], adapters: { demo: createDemoAdapter() } });
 */
export function demoProviderConfig(id: string = DEMO_PROVIDER_ID): ProviderConfigInput {
  return {
    id,
    type: 'demo',
    models: [
      ...DEMO_CHAT_MODELS,
      { id: DEMO_EMBEDDING_MODEL, tier: 'minimal', pricing: { input: 0.02, output: 0 }, contextWindow: 8191, routable: false },
    ],
  };
}
