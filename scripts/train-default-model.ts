/**
 * Trains the learned classifier shipped in @refract/core (`npm run train:default`): the 80 %
 * train split of ../shared/data/eval-dev with the label mapping of docs/classifier.md (Arena-Hard
 * v0.1 at weight 0.5, its cluster labels being noisy), plus the built-in categories' examples.
 * Prints the held-out (20 %) accuracy per source next to the keyword pre-router's.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRuleSetClassifier, evaluateClassifier, formatEvaluation, loadLearnedClassifier, trainClassifier } from '@refract/core';
import { loadEvalDev } from './eval-dev-data';

export const DEFAULT_MODEL_PATH = resolve(import.meta.dirname, '..', 'packages', 'core', 'src', 'classifier', 'learned', 'data', 'default-model.json');
export const DEFAULT_MODEL_SEED = 20_240_731;

const train = loadEvalDev(undefined, 'train').map((example) => (example.source === 'arena-hard-v0.1' ? { ...example, weight: 0.5 } : example));
const test = loadEvalDev(undefined, 'test');
const { model, report } = trainClassifier(train, { seed: DEFAULT_MODEL_SEED, name: 'refract-default' });
writeFileSync(DEFAULT_MODEL_PATH, `${JSON.stringify(model)}\n`);
console.log(`trained on ${report.examples} examples in ${(report.durationMs / 1000).toFixed(1)} s: ${report.storedFeatures} features, ${report.storedWeights} weights, ${(report.sizeBytes / 1024).toFixed(0)} KB, tier mode ${report.tierMode}`);
console.log(`wrote ${DEFAULT_MODEL_PATH}\n`);
console.log(`held-out split: ${test.length} prompts\n`);
console.log(formatEvaluation(await evaluateClassifier(loadLearnedClassifier(model), test)));
console.log('\n--- keyword pre-router (rule set only) ---');
console.log(formatEvaluation(await evaluateClassifier(createRuleSetClassifier(), test)));
