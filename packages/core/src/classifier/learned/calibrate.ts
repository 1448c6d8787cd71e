import { TIERS } from '../../tiers/tiers';
import { forward, type SoftmaxWeights, type SparseDataset } from './softmax-trainer';

/** What the calibration split said about a model trained without it. */
export interface CalibrationReport {
  examples: number;
  categoryAccuracy: number;
  tierAccuracy: number;
  categoryTemperature: number;
  tierTemperature: number;
}

/**
 * Scores a model on examples it was not trained on: accuracy of both heads, and the temperature
 * of each head that makes its probabilities honest on them.
 */
export function calibrateOnHoldout(trained: SoftmaxWeights, holdout: SparseDataset, categoryCount: number): CalibrationReport {
  const rows = holdout.category.length;
  const outputs = trained.outputs;
  const categoryLogits = new Float64Array(rows * categoryCount);
  const tierLogits = new Float64Array(rows * TIERS.length);
  const logits = new Float64Array(outputs);
  let categoryHits = 0;
  let categoryLabels = 0;
  let tierHits = 0;
  let tierLabels = 0;
  for (let row = 0; row < rows; row += 1) {
    forward(holdout, holdout.rowStart[row] as number, holdout.rowStart[row + 1] as number, trained.weights, trained.bias, outputs, logits);
    categoryLogits.set(logits.subarray(0, categoryCount), row * categoryCount);
    tierLogits.set(logits.subarray(categoryCount), row * TIERS.length);
    if ((holdout.category[row] as number) >= 0) {
      categoryLabels += 1;
      if (argmax(logits, 0, categoryCount) === holdout.category[row]) categoryHits += 1;
    }
    if ((holdout.tier[row] as number) >= 0) {
      tierLabels += 1;
      if (argmax(logits, categoryCount, outputs) - categoryCount === holdout.tier[row]) tierHits += 1;
    }
  }
  return {
    examples: rows,
    categoryAccuracy: ratio(categoryHits, categoryLabels),
    tierAccuracy: ratio(tierHits, tierLabels),
    categoryTemperature: fitTemperature(categoryLogits, categoryCount, holdout.category).temperature,
    tierTemperature: fitTemperature(tierLogits, TIERS.length, holdout.tier).temperature,
  };
}

/**
 * Temperature scaling (Guo et al., 2017): one scalar T that divides the logits so that held-out
 * negative log-likelihood is lowest. It changes confidences, never the ranking, so accuracy is
 * untouched while "0.8" comes to mean "right about 80 % of the time". A grid search over
 * 0.25–8 (log-spaced) is exact enough for one parameter and deterministic.
 *
 * @param logits one row of `width` logits per example
 * @param labels the right index per example (−1 rows are skipped)
 */
export function fitTemperature(logits: Float64Array, width: number, labels: Int32Array, weights?: Float64Array): { temperature: number; nll: number } {
  let best = { temperature: 1, nll: negativeLogLikelihood(logits, width, labels, 1, weights) };
  for (let step = 0; step <= 60; step += 1) {
    const temperature = Math.exp(Math.log(0.25) + (step / 60) * (Math.log(8) - Math.log(0.25)));
    const nll = negativeLogLikelihood(logits, width, labels, temperature, weights);
    if (nll < best.nll - 1e-12) best = { temperature, nll };
  }
  return { temperature: Math.round(best.temperature * 1e4) / 1e4, nll: best.nll };
}

/** Mean weighted −log p(label) of the rows at a temperature. */
export function negativeLogLikelihood(logits: Float64Array, width: number, labels: Int32Array, temperature: number, weights?: Float64Array): number {
  let total = 0;
  let mass = 0;
  for (let row = 0; row < labels.length; row += 1) {
    const label = labels[row] as number;
    if (label < 0) continue;
    const offset = row * width;
    let max = -Infinity;
    for (let column = 0; column < width; column += 1) max = Math.max(max, (logits[offset + column] as number) / temperature);
    let sum = 0;
    for (let column = 0; column < width; column += 1) sum += Math.exp((logits[offset + column] as number) / temperature - max);
    const weight = weights ? (weights[row] as number) : 1;
    total += weight * (Math.log(sum) + max - (logits[offset + label] as number) / temperature);
    mass += weight;
  }
  return mass === 0 ? 0 : total / mass;
}

function argmax(values: Float64Array, from: number, to: number): number {
  let best = from;
  for (let index = from + 1; index < to; index += 1) if ((values[index] as number) > (values[best] as number)) best = index;
  return best;
}

function ratio(hits: number, count: number): number {
  return count === 0 ? 0 : Math.round((hits / count) * 1000) / 1000;
}
