import { TIERS } from '../../tiers/tiers';
import type { Signals } from '../../signals/signals';
import { decodeBase64, decodeSortedUint32 } from './binary-codec';
import { FEATURE_GROUP_COUNT, groupScale, visitFeatures, type FeatureSink } from './features';
import type { LearnedModel } from './model-format';

/** Probabilities of one request under a learned model. */
export interface LearnedPrediction {
  /** Per category of the model (0 for masked ones), temperature-scaled. */
  categoryProbabilities: Float64Array;
  /** Per tier, micro … critical, temperature-scaled. */
  tierProbabilities: Float64Array;
  /** Index of the most likely allowed category, −1 when none is allowed. */
  category: number;
  confidence: number;
  tier: number;
  /** Expected difficulty: Σ p(tier) × (index + 0.5) / 8. */
  complexity: number;
}

/**
 * The inference side of a learned model: an open-addressing hash table from feature hash to a
 * sparse row of int8 weights. A prediction visits each feature once, adds its row into per-group
 * sums, and applies the two softmaxes: no allocation per feature, no string per word.
 *
 * @example
 * const predictor = new LearnedPredictor(learnedModelSchema.parse(modelJson));
 * const { category, confidence, complexity } = predictor.predict(signals);
 */
export class LearnedPredictor {
  readonly model: LearnedModel;
  readonly categoryCount: number;
  readonly outputs: number;
  private readonly keys: Int32Array;
  private readonly slotColumn: Int32Array;
  private readonly mask: number;
  private readonly rowStart: Int32Array;
  /** Per stored weight: `output index << 8 | (weight & 0xff)`, one array for one memory stream. */
  private readonly entries: Int32Array;
  private readonly sums: Int32Array;
  private readonly counts: Int32Array;
  private readonly bias: Float64Array;
  private readonly scales: Float64Array;
  private readonly sink: FeatureSink;

  /** @throws Error when the binary sections are inconsistent. */
  constructor(model: LearnedModel) {
    this.model = model;
    this.categoryCount = model.categories.length;
    this.outputs = this.categoryCount + TIERS.length;
    const hashes = decodeSortedUint32(decodeBase64(model.columns));
    const lengths = decodeBase64(model.rowLengths);
    const entries = decodeBase64(model.entries);
    if (lengths.length !== hashes.length) throw new Error(`model has ${hashes.length} columns but ${lengths.length} row lengths`);
    this.rowStart = new Int32Array(hashes.length + 1);
    for (let column = 0; column < hashes.length; column += 1) this.rowStart[column + 1] = (this.rowStart[column] as number) + (lengths[column] as number);
    const entryCount = this.rowStart[hashes.length] as number;
    if (entries.length !== entryCount * 2) throw new Error(`model rows hold ${entryCount} weights but entries has ${entries.length / 2}`);
    this.entries = new Int32Array(entryCount);
    for (let entry = 0; entry < entryCount; entry += 1) {
      const output = entries[entry * 2] as number;
      if (output >= this.outputs) throw new Error(`model weight ${entry} names output ${output} of ${this.outputs}`);
      this.entries[entry] = (output << 8) | (entries[entry * 2 + 1] as number);
    }
    let capacity = 16;
    while (capacity < hashes.length * 2) capacity <<= 1;
    this.keys = new Int32Array(capacity);
    this.slotColumn = new Int32Array(capacity);
    this.mask = capacity - 1;
    hashes.forEach((hash, column) => {
      const key = hash | 0;
      let slot = key & this.mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.slotColumn[slot] = column;
    });
    this.sums = new Int32Array(FEATURE_GROUP_COUNT * this.outputs);
    this.bias = Float64Array.from(model.bias);
    this.scales = Float64Array.from(model.scales);
    this.counts = new Int32Array(FEATURE_GROUP_COUNT);
    const { keys, slotColumn, rowStart, entries: packed, sums, counts, outputs } = this;
    const mask = this.mask;
    this.sink = {
      add(hash: number, group: number): void {
        counts[group] = (counts[group] as number) + 1;
        let slot = hash & mask;
        while (true) {
          const key = keys[slot] as number;
          if (key === hash) break;
          if (key === 0) return;
          slot = (slot + 1) & mask;
        }
        const column = slotColumn[slot] as number;
        const base = group * outputs;
        const end = rowStart[column + 1] as number;
        for (let entry = rowStart[column] as number; entry < end; entry += 1) {
          const value = packed[entry] as number;
          const index = base + (value >>> 8);
          sums[index] = (sums[index] as number) + ((value << 24) >> 24);
        }
      },
    };
  }

  /** Raw logits, categories then tiers. */
  logits(signals: Signals): Float64Array {
    this.sums.fill(0);
    this.counts.fill(0);
    visitFeatures(signals, this.model.features, this.sink);
    const { outputs, sums, counts, scales } = this;
    const logits = this.bias.slice();
    for (let group = 0; group < FEATURE_GROUP_COUNT; group += 1) {
      const scale = groupScale(group, counts[group] as number);
      const base = group * outputs;
      for (let output = 0; output < outputs; output += 1) logits[output] = (logits[output] as number) + (sums[base + output] as number) * scale * (scales[output] as number);
    }
    return logits;
  }

  /** Category and tier probabilities; categories with `allowed[i] === 0` get probability 0. */
  predict(signals: Signals, allowed?: Uint8Array): LearnedPrediction {
    const logits = this.logits(signals);
    const categoryCount = this.categoryCount;
    const categoryProbabilities = new Float64Array(categoryCount);
    const temperature = this.model.temperature.category;
    let max = -Infinity;
    for (let index = 0; index < categoryCount; index += 1) if (!allowed || allowed[index]) max = Math.max(max, (logits[index] as number) / temperature);
    let sum = 0;
    let best = -1;
    for (let index = 0; index < categoryCount; index += 1) {
      if (allowed && !allowed[index]) continue;
      const value = Math.exp((logits[index] as number) / temperature - max);
      categoryProbabilities[index] = value;
      sum += value;
      if (best < 0 || value > (categoryProbabilities[best] as number)) best = index;
    }
    if (sum > 0) for (let index = 0; index < categoryCount; index += 1) categoryProbabilities[index] = (categoryProbabilities[index] as number) / sum;

    const tierProbabilities = logits.slice(categoryCount);
    const tierTemperature = this.model.temperature.tier;
    let tierMax = -Infinity;
    for (const value of tierProbabilities) tierMax = Math.max(tierMax, value / tierTemperature);
    let tierSum = 0;
    for (let index = 0; index < tierProbabilities.length; index += 1) {
      const value = Math.exp((tierProbabilities[index] as number) / tierTemperature - tierMax);
      tierProbabilities[index] = value;
      tierSum += value;
    }
    let tier = 0;
    let complexity = 0;
    for (let index = 0; index < tierProbabilities.length; index += 1) {
      const probability = (tierProbabilities[index] as number) / tierSum;
      tierProbabilities[index] = probability;
      if (probability > (tierProbabilities[tier] as number)) tier = index;
      complexity += (probability * (index + 0.5)) / tierProbabilities.length;
    }
    return { categoryProbabilities, tierProbabilities, category: best, confidence: best >= 0 ? (categoryProbabilities[best] as number) : 0, tier, complexity };
  }
}
