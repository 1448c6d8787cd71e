import { readFileSync } from 'node:fs';
import { sharedPath } from '@refract/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRuleSetClassifier } from '../rule-set-classifier';
import { DEFAULT_MODEL_SEED, defaultTrainingExamples } from './default-training-set';
import { EVAL_DEV_FILES, evalDevSplit, parseEvalDevFile } from './eval-dev-labels';
import { evaluateClassifier, type EvaluationReport } from './evaluate';
import type { LabeledExample } from './labeled-example';
import { trainClassifier } from './train';

const all: LabeledExample[] = Object.keys(EVAL_DEV_FILES).flatMap((file) => parseEvalDevFile(file, readFileSync(sharedPath('data', 'eval-dev', file), 'utf8')));
const trainSplit = all.filter((example) => evalDevSplit(example.id ?? '') === 'train');
const train = defaultTrainingExamples(trainSplit);
const test = all.filter((example) => evalDevSplit(example.id ?? '') === 'test');

describe('eval-dev data and split', () => {
  it('maps every source label it knows and holds out a fixed fifth', () => {
    expect(all).toHaveLength(500 + 750 + 80);
    const labeled = all.filter((example) => example.category !== undefined);
    expect(labeled.filter((example) => example.source === 'arena-hard-v2.0')).toHaveLength(750);
    expect(labeled.filter((example) => example.source === 'vicuna')).toHaveLength(80);
    // 30 of the 250 Arena-Hard v0.1 clusters name no task (see docs/classifier.md).
    expect(labeled.filter((example) => example.source === 'arena-hard-v0.1')).toHaveLength(440);
    expect(test.length / all.length).toBeGreaterThan(0.17);
    expect(test.length / all.length).toBeLessThan(0.23);
    expect(new Set(test.map((example) => example.id)).size).toBe(test.length);
  });
});

describe('trainClassifier on the eval-dev train split, scored on the held-out split', () => {
  let learned: EvaluationReport;
  let keywords: EvaluationReport;
  beforeAll(async () => {
    const { model } = trainClassifier(train, { seed: DEFAULT_MODEL_SEED + 1 });
    learned = await evaluateClassifier(model, test);
    keywords = await evaluateClassifier(createRuleSetClassifier(), test);
  }, 120_000);

  // Floors: the keyword pre-router scores 11 % exact / 38 % family / 37 % tier±1 on this split
  // (measured below, not assumed); the trained model measured 51 % / 66 % / 94 %. The floors sit
  // about ten points under what was measured, far above the pre-router, so a broken feature,
  // label or optimiser change fails while seed-to-seed noise (±3 points on 268 labels) does not.
  it('beats the keyword pre-router by a wide margin on category, family and tier', () => {
    expect(learned.categoryAccuracy).toBeGreaterThanOrEqual(0.4);
    expect(learned.familyAccuracy).toBeGreaterThanOrEqual(0.55);
    expect(learned.tierWithinOneAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(learned.categoryAccuracy).toBeGreaterThan(keywords.categoryAccuracy + 0.25);
    expect(learned.familyAccuracy).toBeGreaterThan(keywords.familyAccuracy + 0.15);
    expect(learned.tierWithinOneAccuracy).toBeGreaterThan(keywords.tierWithinOneAccuracy + 0.3);
  });

  it('is strongest where the labels are cleanest (Arena-Hard v2.0) and weakest on the noisy v0.1 clusters', () => {
    const v2 = learned.bySource['arena-hard-v2.0'];
    const v01 = learned.bySource['arena-hard-v0.1'];
    expect(v2?.categoryAccuracy).toBeGreaterThanOrEqual(0.55);
    expect(v2?.categoryAccuracy).toBeGreaterThan((keywords.bySource['arena-hard-v2.0']?.categoryAccuracy ?? 1) + 0.4);
    expect(v01?.familyAccuracy).toBeGreaterThan(keywords.bySource['arena-hard-v0.1']?.familyAccuracy ?? 1);
    expect(learned.abstained).toBeLessThan(test.length * 0.15);
  });
});

describe('trainClassifier determinism', () => {
  const sample = trainSplit.filter((_, index) => index % 4 === 0);

  it('gives the identical model file for the same seed, and a different one for another seed', () => {
    const options = { epochs: 6, categoryExampleWeight: 1 };
    const first = JSON.stringify(trainClassifier(sample, { ...options, seed: 3 }).model);
    const again = JSON.stringify(trainClassifier(sample, { ...options, seed: 3 }).model);
    const other = JSON.stringify(trainClassifier(sample, { ...options, seed: 4 }).model);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  }, 60_000);

  it('stays small, records how it was trained, and refuses data without a category label', () => {
    const { model, report } = trainClassifier(sample, { epochs: 4, seed: 1, name: 'tiny' });
    expect(report.sizeBytes).toBeLessThan(400_000);
    expect(report.storedWeights).toBeLessThan(report.vocabulary * (model.categories.length + 8));
    expect(model).toMatchObject({ name: 'tiny', training: { seed: 1, epochs: 4 } });
    expect(report.calibration?.examples).toBeGreaterThan(20);
    expect(() => trainClassifier([{ request: { model: 'auto', messages: [{ role: 'user', content: 'x' }] }, tier: 'low' }], { categoryExampleWeight: 0 })).toThrow(/no example carries a category label/);
  }, 60_000);
});
