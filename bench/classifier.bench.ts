/**
 * The learned local classifier's speed: p50 per request (target ≤ 50 µs) and training time on
 * the eval-dev train split. Run with `npm run bench -- bench/classifier.bench.ts`.
 *
 * The p50 is measured directly (each request timed on its own, after warm-up, over every eval-dev
 * prompt three times) and printed with its ratio to the 50 µs target; vitest's table adds mean
 * and tail figures. Inputs are prepared beforehand: the router computes signals for every request
 * anyway, so the classifier's own cost is feature hashing, the weight lookup and two softmaxes.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_MODEL_SEED, EVAL_DEV_FILES, createClassifierInputBuilder, defaultTrainingExamples, evalDevSplit, loadDefaultClassifier, parseEvalDevFile, trainClassifier, type LabeledExample } from '@refract/core';
import { sharedPath } from '@refract/test-support';
import { bench, describe } from 'vitest';

const TARGET_MICROSECONDS = 50;
const examples: LabeledExample[] = Object.keys(EVAL_DEV_FILES).flatMap((file) => parseEvalDevFile(file, readFileSync(sharedPath('data', 'eval-dev', file), 'utf8')));
const trainSplit = defaultTrainingExamples(examples.filter((example) => evalDevSplit(example.id ?? '') === 'train'));
const toInput = createClassifierInputBuilder();
const inputs = examples.map((example) => toInput(example.request));
const classifier = await loadDefaultClassifier();

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] as number;
}

{
  for (let round = 0; round < 5; round += 1) for (const input of inputs) classifier.classifySync(input);
  const times: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (const input of inputs) {
      const started = performance.now();
      classifier.classifySync(input);
      times.push((performance.now() - started) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 0.5);
  console.log(
    `learned classifier: p50 ${p50.toFixed(1)} µs per request (p90 ${percentile(times, 0.9).toFixed(1)} µs, p99 ${percentile(times, 0.99).toFixed(1)} µs) over ${times.length} requests; ` +
      `${(p50 / TARGET_MICROSECONDS).toFixed(2)}× the ${TARGET_MICROSECONDS} µs target`,
  );
}

describe('learned classifier inference', () => {
  let next = 0;
  bench('classify one eval-dev request (default model)', () => {
    classifier.classifySync(inputs[next % inputs.length] as (typeof inputs)[number]);
    next += 1;
  });
});

describe('learned classifier training', () => {
  const runs = 3;
  const durations: number[] = [];
  bench(
    'train the default model from scratch',
    () => {
      const started = performance.now();
      trainClassifier(trainSplit, { seed: DEFAULT_MODEL_SEED, name: 'bench' });
      durations.push(performance.now() - started);
      if (durations.length === runs) {
        const mean = durations.reduce((sum, value) => sum + value, 0) / runs;
        console.log(`training the default model (${trainSplit.length} eval-dev train prompts and rule keywords + the categories' examples, calibration included): ${(mean / 1000).toFixed(2)} s mean over the first ${runs} runs`);
      }
    },
    { iterations: runs, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
