/**
 * Trains the learned classifier shipped in @refract/core (`npm run train:default`): the 80 %
 * train split of ../shared/data/eval-dev with the label mapping of docs/classifier.md, plus the
 * default rule set's keywords and the built-in categories' examples (`defaultTrainingExamples`).
 * Prints the held-out (20 %) accuracy per source next to the keyword pre-router's.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MODEL_SEED, createRuleSetClassifier, defaultTrainingExamples, evaluateClassifier, formatEvaluation, loadLearnedClassifier, trainClassifier } from '@refract/core';
import { loadEvalDev } from './eval-dev-data';

export const DEFAULT_MODEL_PATH = resolve(import.meta.dirname, '..', 'packages', 'core', 'src', 'classifier', 'learned', 'data', 'default-model.json');

const train = defaultTrainingExamples(loadEvalDev(undefined, 'train'));
const test = loadEvalDev(undefined, 'test');
const { model, report } = trainClassifier(train, { seed: DEFAULT_MODEL_SEED, name: 'refract-default' });
writeFileSync(DEFAULT_MODEL_PATH, `${JSON.stringify(model)}\n`);
console.log(`trained on ${report.examples} examples in ${(report.durationMs / 1000).toFixed(1)} s: ${report.storedFeatures} features, ${report.storedWeights} weights, ${(report.sizeBytes / 1024).toFixed(0)} KB, tier mode ${report.tierMode}`);
console.log(`wrote ${DEFAULT_MODEL_PATH}\n`);
console.log(`held-out split: ${test.length} prompts\n`);
console.log(formatEvaluation(await evaluateClassifier(loadLearnedClassifier(model), test)));
console.log('\n--- keyword pre-router (rule set only) ---');
console.log(formatEvaluation(await evaluateClassifier(createRuleSetClassifier(), test)));
