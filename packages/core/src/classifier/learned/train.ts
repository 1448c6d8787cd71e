import { CategorySet } from '../../catalog/category-set';
import { RefractError } from '../../errors/refract-error';
import { extractSignals } from '../../signals/extract-signals';
import { TIERS, type Tier } from '../../tiers/tiers';
import { heuristicTokenizer, type Tokenizer } from '../../tokenizer/tokenizer';
import { calibrateOnHoldout, type CalibrationReport } from './calibrate';
import { DEFAULT_FEATURE_CONFIG, featureConfigSchema, featureVector, type FeatureConfig } from './features';
import { categoryExamples, type LabeledExample } from './labeled-example';
import type { LearnedModel } from './model-format';
import { packModel } from './pack-model';
import { seededRandom, shuffleInPlace } from './seeded-random';
import { trainSoftmax, type SoftmaxTrainerOptions, type SparseDataset } from './softmax-trainer';

export interface TrainOptions {
  /** Seeds the shuffles; the same examples and seed give the identical model file. Default 1. */
  seed?: number;
  /** Passes over the data (default 16). */
  epochs?: number;
  /** AdaGrad step size (default 0.25). */
  learningRate?: number;
  /** L2 penalty (default 0.0005). */
  l2?: number;
  /** The categories labels may name; the built-ins by default. */
  categories?: CategorySet;
  /** Add the categories' own examples, names and descriptions with this weight (default 2; 0 to skip). */
  categoryExampleWeight?: number;
  features?: Partial<FeatureConfig>;
  /** Keep features seen in at least this many examples (default 2). */
  minDocumentFrequency?: number;
  /** Keep at most this many features, the most frequent first (default 3,000). */
  maxFeatures?: number;
  /** Share of the examples held out to fit the temperature (default 0.15; 0 skips calibration). */
  calibrationFraction?: number;
  /** Abstain below this calibrated confidence (default 0.2). */
  abstainBelow?: number;
  /** Drop weights under this fraction of their output's largest weight (default 0.2). */
  prune?: number;
  /** Probability mass of a tier label given to its neighbouring tiers (default 0.2). */
  tierSmoothing?: number;
  /**
   * Which head names the tier: `explicit` the tier head, `category` the category's tier. `auto`
   * (default) picks `explicit` when at least 10 % (and 20) of the tier labels differ from their
   * category's tier: with fewer, the tier head mostly relearns the category tiers, less reliably.
   */
  tierMode?: LearnedModel['tierMode'] | 'auto';
  /**
   * Class balancing: each category's examples are weighted by (mean class mass / class mass) ^
   * balance, clipped to [0.1, 10]. 0 keeps the data's own category mix as the prior, 1 makes every
   * category equally likely a priori (default 0.5).
   */
  balance?: number;
  /** Model name in traces (default `custom`). */
  name?: string;
  /** Tokenizer for the token-count signals (the router's default heuristic unless given). */
  tokenizer?: Tokenizer;
}

export interface TrainReport {
  examples: number;
  categoryLabels: number;
  tierLabels: number;
  categories: number;
  tierMode: LearnedModel['tierMode'];
  /** Tier labels that differ from their category's tier. */
  explicitTierLabels: number;
  vocabulary: number;
  storedFeatures: number;
  storedWeights: number;
  /** Accuracy and temperatures on the calibration split (trained without it). */
  calibration?: CalibrationReport;
  sizeBytes: number;
  durationMs: number;
}

/**
 * Fits a learned classifier from labeled examples: multinomial logistic regression with a
 * category head and a tier head over hashed word uni/bi-grams, character n-grams and the
 * request's signals (see docs/classifier.md). Pure TypeScript, deterministic given `seed`.
 *
 * Labels: a category trains the category head and, through the category's tier, the tier head;
 * a tier or difficulty trains the tier head (and wins over the category's tier). The tier head
 * always gives `complexity`; whether it also names the tier is `tierMode`.
 *
 * @throws RefractError (`REFRACT_ERR_VALIDATION`) when no example carries a label.
 * @example
 * const { model, report } = trainClassifier(parseLabeledJsonl(text, CategorySet.builtIn()), { seed: 7 });
 * writeFileSync('model.json', JSON.stringify(model));
 */
export function trainClassifier(examples: readonly LabeledExample[], options: TrainOptions = {}): { model: LearnedModel; report: TrainReport } {
  const started = performance.now();
  const categories = options.categories ?? CategorySet.builtIn();
  const seed = options.seed ?? 1;
  const features = featureConfigSchema.parse({ ...DEFAULT_FEATURE_CONFIG, ...options.features });
  const tokenizer = options.tokenizer ?? heuristicTokenizer;
  const extraWeight = options.categoryExampleWeight ?? 2;
  const all = [...examples, ...(extraWeight > 0 ? categoryExamples(categories, extraWeight) : [])];
  const labeled = all.filter((example) => (example.category !== undefined && categories.has(example.category)) || example.tier !== undefined);
  if (labeled.filter((example) => example.category !== undefined).length === 0) {
    throw new RefractError('REFRACT_ERR_VALIDATION', 'no example carries a category label: nothing to train the category head on');
  }

  const categoryKeys = categories.all().map((category) => category.key);
  const categoryIndex = new Map(categoryKeys.map((key, index) => [key, index]));
  const tierOf = (example: LabeledExample): Tier | undefined => example.tier ?? (example.category ? categories.get(example.category)?.tier : undefined);
  const explicitTiers = labeled.filter((example) => example.tier !== undefined && (example.category === undefined || categories.get(example.category)?.tier !== example.tier)).length;
  const tierLabelCount = labeled.filter((example) => tierOf(example) !== undefined).length;
  const tierMode: LearnedModel['tierMode'] =
    options.tierMode === 'explicit' || options.tierMode === 'category'
      ? options.tierMode
      : explicitTiers >= Math.max(20, 0.1 * tierLabelCount)
        ? 'explicit'
        : 'category';

  const vectors = labeled.map((example) => featureVector(extractSignals(example.request, { tokenizer }), features));
  const vocabulary = buildVocabulary(vectors, options.minDocumentFrequency ?? 2, options.maxFeatures ?? 3000);
  const category = Int32Array.from(labeled, (example) => (example.category !== undefined ? (categoryIndex.get(example.category) ?? -1) : -1));
  const tier = Int32Array.from(labeled, (example) => {
    const value = tierOf(example);
    return value === undefined ? -1 : TIERS.indexOf(value);
  });
  const weight = balancedWeights(labeled, category, categoryKeys.length, options.balance ?? 0.5);
  const trainer: SoftmaxTrainerOptions = {
    columnCount: vocabulary.hashes.length,
    categoryCount: categoryKeys.length,
    tierCount: TIERS.length,
    epochs: options.epochs ?? 16,
    learningRate: options.learningRate ?? 0.25,
    l2: options.l2 ?? 0.0005,
    tierSmoothing: options.tierSmoothing ?? 0.2,
    seed,
  };

  const fraction = options.calibrationFraction ?? 0.15;
  const calibrationSize = Math.floor(labeled.length * fraction);
  let calibration: TrainReport['calibration'];
  if (fraction > 0 && calibrationSize >= 20) {
    const order = shuffleInPlace(Array.from({ length: labeled.length }, (_, index) => index), seededRandom(seed ^ 0x5bd1e995));
    const held = new Set(order.slice(0, calibrationSize));
    const fitRows = order.filter((index) => !held.has(index)).sort((a, b) => a - b);
    const calibrationRows = [...held].sort((a, b) => a - b);
    calibration = calibrateOnHoldout(
      trainSoftmax(toDataset(fitRows, vectors, vocabulary.index, category, tier, weight), trainer),
      toDataset(calibrationRows, vectors, vocabulary.index, category, tier, weight),
      categoryKeys.length,
    );
  }
  const temperature = { category: calibration?.categoryTemperature ?? 1, tier: calibration?.tierTemperature ?? 1 };

  const everyRow = Array.from({ length: labeled.length }, (_, index) => index);
  const trained = trainSoftmax(toDataset(everyRow, vectors, vocabulary.index, category, tier, weight), trainer);
  const packed = packModel(trained, {
    name: options.name ?? 'custom',
    features,
    categories: categoryKeys,
    columnHashes: vocabulary.hashes,
    tierMode,
    temperature,
    abstainBelow: options.abstainBelow ?? 0.2,
    prune: options.prune ?? 0.2,
    training: {
      seed,
      epochs: trainer.epochs,
      learningRate: trainer.learningRate,
      l2: trainer.l2,
      examples: labeled.length,
      categoryExampleWeight: extraWeight,
      ...(calibration ? { calibration } : {}),
    },
  });
  const report: TrainReport = {
    examples: labeled.length,
    categoryLabels: Array.from(category).filter((value) => value >= 0).length,
    tierLabels: Array.from(tier).filter((value) => value >= 0).length,
    categories: new Set(Array.from(category).filter((value) => value >= 0)).size,
    tierMode,
    explicitTierLabels: explicitTiers,
    vocabulary: vocabulary.hashes.length,
    storedFeatures: packed.storedColumns,
    storedWeights: packed.storedWeights,
    ...(calibration ? { calibration } : {}),
    sizeBytes: JSON.stringify(packed.model).length,
    durationMs: Math.round(performance.now() - started),
  };
  return { model: packed.model, report };
}

/** Features seen in at least `minFrequency` examples, the `max` most frequent (ties by hash). */
function buildVocabulary(vectors: readonly Map<number, number>[], minFrequency: number, max: number): { hashes: number[]; index: Map<number, number> } {
  const frequency = new Map<number, number>();
  for (const vector of vectors) for (const hash of vector.keys()) frequency.set(hash, (frequency.get(hash) ?? 0) + 1);
  const kept = [...frequency.entries()]
    .filter(([, count]) => count >= minFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] >>> 0) - (b[0] >>> 0))
    .slice(0, max)
    .map(([hash]) => hash >>> 0)
    .sort((a, b) => a - b);
  return { hashes: kept, index: new Map(kept.map((hash, column) => [hash | 0, column])) };
}

/**
 * Example weights with class balancing: each category's examples are scaled by
 * √(mean class weight / class weight), clipped to [0.25, 4], so a category with five examples is
 * not drowned by one with five hundred, without trusting those five examples blindly.
 */
function balancedWeights(examples: readonly LabeledExample[], category: Int32Array, categoryCount: number, power: number): Float64Array {
  const mass = new Float64Array(categoryCount);
  examples.forEach((example, index) => {
    const label = category[index] as number;
    if (label >= 0) mass[label] = (mass[label] as number) + (example.weight ?? 1);
  });
  const present = Array.from(mass).filter((value) => value > 0);
  const mean = present.reduce((sum, value) => sum + value, 0) / Math.max(1, present.length);
  return Float64Array.from(examples, (example, index) => {
    const label = category[index] as number;
    const base = example.weight ?? 1;
    if (label < 0) return base;
    return base * Math.min(10, Math.max(0.1, (mean / (mass[label] as number)) ** power));
  });
}

function toDataset(rows: readonly number[], vectors: readonly Map<number, number>[], index: Map<number, number>, category: Int32Array, tier: Int32Array, weight: Float64Array): SparseDataset {
  const rowStart = new Int32Array(rows.length + 1);
  const columns: number[] = [];
  const values: number[] = [];
  rows.forEach((row, position) => {
    const entries: [number, number][] = [];
    for (const [hash, value] of vectors[row] as Map<number, number>) {
      const column = index.get(hash);
      if (column !== undefined) entries.push([column, value]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [column, value] of entries) {
      columns.push(column);
      values.push(value);
    }
    rowStart[position + 1] = columns.length;
  });
  return {
    rowStart,
    columns: Int32Array.from(columns),
    values: Float64Array.from(values),
    category: Int32Array.from(rows, (row) => category[row] as number),
    tier: Int32Array.from(rows, (row) => tier[row] as number),
    weight: Float64Array.from(rows, (row) => weight[row] as number),
  };
}
