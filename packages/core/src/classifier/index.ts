export type { Classifier, ClassifierInput, ClassifierResult } from './classifier';
export { runClassifier, type ClassifierOutcome } from './run-classifier';
