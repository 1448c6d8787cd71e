export type { Classifier, ClassifierInput, ClassifierResult, ClassifierScore } from './classifier';
export { runClassifier, type ClassifierOutcome } from './run-classifier';
