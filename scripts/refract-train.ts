/**
 * `refract train`: fits a learned classifier from a labeled JSONL file.
 *
 *   tsx scripts/refract-train.ts --input labeled.jsonl --output model.json [--seed N] [--name NAME]
 *       [--epochs N] [--no-category-examples]
 *
 * Each line: {"messages": [...]} or {"prompt": "..."}, with "category" (a category key, tier or
 * 0–1 difficulty) and/or "complexity" (a tier or difficulty). See docs/classifier.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CategorySet, RefractError, parseLabeledJsonl, trainClassifier } from '@refract/core';

const { values } = parseArgs({
  options: {
    input: { type: 'string' },
    output: { type: 'string' },
    seed: { type: 'string', default: '1' },
    name: { type: 'string' },
    epochs: { type: 'string' },
    'no-category-examples': { type: 'boolean', default: false },
  },
});

if (!values.input || !values.output) {
  console.error('usage: refract-train --input labeled.jsonl --output model.json [--seed N] [--name NAME] [--epochs N] [--no-category-examples]');
  process.exit(2);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer, got '${values.seed}'`);
  process.exit(2);
}
try {
  const examples = parseLabeledJsonl(readFileSync(values.input, 'utf8'), CategorySet.builtIn());
  const { model, report } = trainClassifier(examples, {
    seed,
    ...(values.name ? { name: values.name } : {}),
    ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
    ...(values['no-category-examples'] ? { categoryExampleWeight: 0 } : {}),
  });
  writeFileSync(values.output, `${JSON.stringify(model)}\n`);
  console.log(`trained on ${report.examples} examples (${report.categoryLabels} category labels, ${report.tierLabels} tier labels, tier mode ${report.tierMode})`);
  console.log(`kept ${report.storedFeatures} features, ${report.storedWeights} weights: ${(report.sizeBytes / 1024).toFixed(0)} KB in ${(report.durationMs / 1000).toFixed(1)} s`);
  if (report.calibration) {
    const calibration = report.calibration;
    console.log(`calibration split (${calibration.examples}): category ${(calibration.categoryAccuracy * 100).toFixed(1)}%, tier ${(calibration.tierAccuracy * 100).toFixed(1)}%, temperature ${calibration.categoryTemperature}`);
  }
  console.log(`wrote ${values.output}`);
} catch (error) {
  console.error(error instanceof RefractError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
