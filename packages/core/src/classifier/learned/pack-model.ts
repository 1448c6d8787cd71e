import { TIERS } from '../../tiers/tiers';
import { encodeBase64, encodeSortedUint32 } from './binary-codec';
import type { FeatureConfig } from './features';
import { LEARNED_MODEL_FORMAT, type LearnedModel } from './model-format';
import type { SoftmaxWeights } from './softmax-trainer';

export interface PackOptions {
  name: string;
  features: FeatureConfig;
  categories: readonly string[];
  /** Feature hash (unsigned) of each weight column. */
  columnHashes: readonly number[];
  tierMode: LearnedModel['tierMode'];
  temperature: LearnedModel['temperature'];
  abstainBelow: number;
  /** Weights smaller than this fraction of their output's largest weight are dropped. */
  prune: number;
  training: Record<string, unknown>;
}

/**
 * Turns trained weights into the compact model file: per output, weights are pruned below
 * `prune × max |w|` and quantised to int8 (scale = max |w| / 127); columns left without a weight
 * are dropped. Returns the model and how much it kept.
 */
export function packModel(trained: SoftmaxWeights, options: PackOptions): { model: LearnedModel; storedColumns: number; storedWeights: number } {
  const { outputs, weights, bias } = trained;
  const columnCount = options.columnHashes.length;
  const scales = new Float64Array(outputs);
  for (let output = 0; output < outputs; output += 1) {
    let max = 0;
    for (let column = 0; column < columnCount; column += 1) max = Math.max(max, Math.abs(weights[column * outputs + output] as number));
    scales[output] = max > 0 ? max / 127 : 1;
  }
  const order = Array.from({ length: columnCount }, (_, index) => index).sort((a, b) => (options.columnHashes[a] as number) - (options.columnHashes[b] as number));
  const keptHashes: number[] = [];
  const rowLengths: number[] = [];
  const entries: number[] = [];
  for (const column of order) {
    let length = 0;
    for (let output = 0; output < outputs; output += 1) {
      const value = weights[column * outputs + output] as number;
      const scale = scales[output] as number;
      const quantised = Math.round(value / scale);
      if (quantised === 0 || Math.abs(value) < options.prune * 127 * scale) continue;
      entries.push(output, quantised & 0xff);
      length += 1;
    }
    if (length === 0) continue;
    keptHashes.push(options.columnHashes[column] as number);
    rowLengths.push(length);
  }
  const model: LearnedModel = {
    format: LEARNED_MODEL_FORMAT,
    version: 1,
    name: options.name,
    features: options.features,
    categories: [...options.categories],
    tiers: [...TIERS],
    tierMode: options.tierMode,
    temperature: options.temperature,
    abstainBelow: options.abstainBelow,
    bias: Array.from(bias, (value) => round(value, 5)),
    scales: Array.from(scales, (value) => Number(value.toPrecision(6))),
    columns: encodeBase64(encodeSortedUint32(keptHashes)),
    rowLengths: encodeBase64(Uint8Array.from(rowLengths)),
    entries: encodeBase64(Uint8Array.from(entries)),
    training: options.training,
  };
  return { model, storedColumns: keptHashes.length, storedWeights: entries.length / 2 };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
