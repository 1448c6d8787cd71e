import { loadLearnedClassifier, type LearnedClassifier, type LearnedClassifierOptions } from './learned-classifier';

let cached: Promise<LearnedClassifier> | undefined;

/**
 * The learned classifier shipped with Refract, trained on the public Arena-Hard and Vicuna
 * prompts plus the built-in categories' examples (`npm run train:default`; accuracy in
 * docs/classifier.md). The model file (≈250 KB) is loaded on first use, so bundles that never
 * call this do not pay for it. Retrain on your own traffic for better routing.
 *
 * @example
 * const router = createRouter({ providers, classifier: await loadDefaultClassifier() });
 */
export function loadDefaultClassifier(options?: LearnedClassifierOptions): Promise<LearnedClassifier> {
  if (options) return import('./data/default-model.json', { with: { type: 'json' } }).then((module) => loadLearnedClassifier(module.default, options));
  cached ??= import('./data/default-model.json', { with: { type: 'json' } }).then((module) => loadLearnedClassifier(module.default));
  return cached;
}
