/**
 * `@refract/adapters/demo`: a provider that needs no network and no key, answering every request
 * deterministically and saying it is a demo. `refract serve` uses it when no provider is configured.
 *
 * @example
 * import { createDemoAdapter, demoProviderConfig } from '@refract/adapters/demo';
 * const router = createRouter({ providers: [demoProviderConfig()], adapters: { demo: createDemoAdapter() } });
 */
export { createDemoAdapter } from './demo-adapter';
export { demoProviderConfig, DEMO_CHAT_MODELS, DEMO_EMBEDDING_MODEL } from './demo-provider';
export { DEMO_PROVIDER_ID, DEMO_ANSWER_PREFIX, type DemoAdapterOptions } from './demo-options';
export { planDemoAnswer, type DemoPlan, type DemoOutput } from './demo-plan';
export { sampleFromSchema } from './sample-from-schema';
export { demoEmbeddings, DEMO_EMBEDDING_DIMENSIONS } from './demo-embeddings';
