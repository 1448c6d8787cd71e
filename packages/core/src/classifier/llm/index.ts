export { createLlmClassifier, promptTokens, type LlmClassifier } from './create-llm-classifier';
export type { LlmClassifierOptions, LlmClassifierModel } from './llm-classifier-options';
export { buildUserContent, type InputStrategy } from './build-input';
export { buildSystemPrompt, type RecommendableModel, type PromptDetail } from './build-prompt';
export type { ClassifierCache, ClassifierCacheOptions } from './classifier-cache';
export { extractJson } from './extract-json';
export { verdictSchema, readVerdict, type VerdictContext } from './verdict';
export type { StructuredOutputMode } from './structured-output';
