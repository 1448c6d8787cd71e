import { seededRandom, shuffleInPlace } from './seeded-random';

/** Training data in compressed sparse rows: example `i` has features `columns[rowStart[i] … rowStart[i+1])`. */
export interface SparseDataset {
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
  /** Category index per example, −1 when unlabeled. */
  category: Int32Array;
  /** Tier index (0–7) per example, −1 when unlabeled. */
  tier: Int32Array;
  /** Example weight (class balancing included). */
  weight: Float64Array;
}

export interface SoftmaxTrainerOptions {
  columnCount: number;
  categoryCount: number;
  tierCount: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches (lazy regularisation). */
  l2: number;
  /** Probability mass moved from the tier label to its neighbours (tiers are ordered). */
  tierSmoothing: number;
  seed: number;
}

/** Gradients below this (per output, before the feature value) are not applied. */
const GRADIENT_FLOOR = 0.03;

/** Dense weights `[column × outputs]` plus a bias per output; outputs are categories then tiers. */
export interface SoftmaxWeights {
  outputs: number;
  weights: Float64Array;
  bias: Float64Array;
}

/**
 * Multinomial logistic regression with two softmax heads (category, tier) over shared sparse
 * features, fitted by AdaGrad with L2 for a fixed number of epochs over a seeded shuffle. Every
 * operation runs in a fixed order, so the same data and seed give bit-identical weights.
 *
 * Why this model: it is convex (no restarts, no luck), trains in seconds in plain TypeScript,
 * predicts with a few thousand additions, stores as a sparse table, and its softmax is a
 * probability that temperature scaling calibrates; a tree ensemble or an MLP would buy little on a
 * few thousand labels and lose all four.
 */
export function trainSoftmax(data: SparseDataset, options: SoftmaxTrainerOptions): SoftmaxWeights {
  const { categoryCount: categories, tierCount: tiers } = options;
  const outputs = categories + tiers;
  const weights = new Float64Array(options.columnCount * outputs);
  const squares = new Float64Array(weights.length);
  const bias = new Float64Array(outputs);
  const biasSquares = new Float64Array(outputs);
  const logits = new Float64Array(outputs);
  const gradient = new Float64Array(outputs);
  const touched = new Int32Array(outputs);
  const examples = data.category.length;
  const order = Array.from({ length: examples }, (_, index) => index);
  const random = seededRandom(options.seed);
  const rate = options.learningRate;
  const l2 = options.l2;

  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const example of order) {
      const categoryLabel = data.category[example] as number;
      const tierLabel = data.tier[example] as number;
      if (categoryLabel < 0 && tierLabel < 0) continue;
      const start = data.rowStart[example] as number;
      const end = data.rowStart[example + 1] as number;
      forward(data, start, end, weights, bias, outputs, logits);
      const weight = data.weight[example] as number;
      gradient.fill(0);
      if (categoryLabel >= 0) {
        softmaxInPlace(logits, 0, categories);
        for (let output = 0; output < categories; output += 1) gradient[output] = ((logits[output] as number) - (output === categoryLabel ? 1 : 0)) * weight;
      }
      if (tierLabel >= 0) {
        softmaxInPlace(logits, categories, outputs);
        for (let tier = 0; tier < tiers; tier += 1) {
          gradient[categories + tier] = ((logits[categories + tier] as number) - smoothedTarget(tier, tierLabel, tiers, options.tierSmoothing)) * weight;
        }
      }
      // Outputs whose gradient is negligible are skipped (their L2 decay waits for a later
      // example): after the first epochs most classes have p ≈ 0, and this is most of the speed.
      let active = 0;
      for (let output = 0; output < outputs; output += 1) {
        if (Math.abs(gradient[output] as number) >= GRADIENT_FLOOR) {
          touched[active] = output;
          active += 1;
        }
      }
      for (let position = start; position < end; position += 1) {
        const base = (data.columns[position] as number) * outputs;
        const value = data.values[position] as number;
        for (let slot = 0; slot < active; slot += 1) {
          const output = touched[slot] as number;
          const index = base + output;
          const current = weights[index] as number;
          const step = (gradient[output] as number) * value + l2 * current;
          const accumulated = (squares[index] as number) + step * step;
          squares[index] = accumulated;
          weights[index] = current - (rate * step) / (Math.sqrt(accumulated) + 1e-8);
        }
      }
      for (let slot = 0; slot < active; slot += 1) {
        const output = touched[slot] as number;
        const step = gradient[output] as number;
        const accumulated = (biasSquares[output] as number) + step * step;
        biasSquares[output] = accumulated;
        bias[output] = (bias[output] as number) - (rate * step) / (Math.sqrt(accumulated) + 1e-8);
      }
    }
  }
  return { outputs, weights, bias };
}

/** Logits of one example into `logits` (length `outputs`). */
export function forward(data: SparseDataset, start: number, end: number, weights: Float64Array, bias: Float64Array, outputs: number, logits: Float64Array): void {
  logits.set(bias);
  for (let position = start; position < end; position += 1) {
    const base = (data.columns[position] as number) * outputs;
    const value = data.values[position] as number;
    for (let output = 0; output < outputs; output += 1) logits[output] = (logits[output] as number) + (weights[base + output] as number) * value;
  }
}

/** Softmax of `values[from, to)` in place (numerically stable). */
export function softmaxInPlace(values: Float64Array, from: number, to: number, temperature = 1): void {
  let max = -Infinity;
  for (let index = from; index < to; index += 1) max = Math.max(max, values[index] as number);
  let sum = 0;
  for (let index = from; index < to; index += 1) {
    const value = Math.exp(((values[index] as number) - max) / temperature);
    values[index] = value;
    sum += value;
  }
  for (let index = from; index < to; index += 1) values[index] = (values[index] as number) / sum;
}

function smoothedTarget(tier: number, label: number, tiers: number, smoothing: number): number {
  if (tier === label) return 1 - smoothing;
  if (Math.abs(tier - label) !== 1) return 0;
  const neighbours = (label > 0 ? 1 : 0) + (label < tiers - 1 ? 1 : 0);
  return smoothing / neighbours;
}
