export { createAdapterForProvider, closeAdapter, BUILT_IN_PROVIDER_TYPES } from './create-adapter-for-provider';
export { detectProvidersFromEnv, type DetectedProvider, type ProviderDetection } from './detect-providers';
export { DEFAULT_MODELS, bedrockDefaultModels } from './default-models';
export { discoverOllamaModels, OLLAMA_DISCOVERY_TIMEOUT_MS } from './discover-ollama-models';
export { ollamaHostOf } from './builders/ollama-from-config';
export { PROVIDER_SECRET_VARIABLES, secretValues } from './secret-values';
export type { Environment } from './provider-options';
