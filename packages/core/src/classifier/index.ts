export type { Classifier, ClassifierInput, ClassifierResult, ClassifierScore } from './classifier';
export { runClassifier, type ClassifierOutcome } from './run-classifier';
export { cascadeClassifiers, type CascadeOptions } from './cascade-classifiers';
export { createRuleSetClassifier } from './rule-set-classifier';
export { createClassifierInputBuilder, type ClassifierInputContext } from './build-classifier-input';
export * from './learned';
export * from './llm';
