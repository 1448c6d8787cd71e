import { CategorySet } from '../../catalog/category-set';
import { TIERS, isTier, type Tier } from '../../tiers/tiers';
import type { Classifier, ClassifierInput } from '../classifier';
import { createClassifierInputBuilder, type ClassifierInputContext } from '../build-classifier-input';
import { categoryFamily } from './category-families';
import type { LabeledExample } from './labeled-example';
import { loadLearnedClassifier } from './learned-classifier';
import type { LearnedModelInput } from './model-format';

/** Counts of (label → prediction). Predictions `(abstain)` and `(failed)` mark no verdict. */
export type ConfusionTable = Record<string, Record<string, number>>;

export interface AccuracyCounts {
  examples: number;
  /** Examples with a category label, and how many the classifier named right (exactly / same family). */
  categoryLabeled: number;
  categoryCorrect: number;
  familyCorrect: number;
  /** Examples with a tier (labeled, or the labeled category's), right exactly / within one tier. */
  tierLabeled: number;
  tierExact: number;
  tierWithinOne: number;
  abstained: number;
  failed: number;
  categoryAccuracy: number;
  familyAccuracy: number;
  tierAccuracy: number;
  tierWithinOneAccuracy: number;
}

export interface EvaluationReport extends AccuracyCounts {
  classifier: string;
  bySource: Record<string, AccuracyCounts>;
  categoryConfusion: ConfusionTable;
  familyConfusion: ConfusionTable;
  tierConfusion: ConfusionTable;
  /** Accuracy of the category verdicts by confidence band (is 0.8 right 80 % of the time?). */
  reliability: { from: number; to: number; count: number; accuracy: number }[];
  durationMs: number;
}

export interface EvaluateOptions extends ClassifierInputContext {
  /** Per-call abort deadline for slow classifiers (default 30 s). */
  timeoutMs?: number;
}

/**
 * Runs a classifier (or a learned model file) over labeled examples and reports accuracy overall
 * and per source: exact category, category family, tier exact and within one tier, abstentions,
 * confusion tables and a reliability table. The inputs are built as the router builds them.
 *
 * @example
 * const report = await evaluateClassifier(model, parseLabeledJsonl(text, CategorySet.builtIn()));
 * console.log(formatEvaluation(report));
 */
export async function evaluateClassifier(classifier: Classifier | LearnedModelInput, examples: readonly LabeledExample[], options: EvaluateOptions = {}): Promise<EvaluationReport> {
  const started = performance.now();
  const subject: Classifier = isClassifier(classifier) ? classifier : loadLearnedClassifier(classifier);
  const categories = options.categories ?? CategorySet.builtIn();
  const toInput = createClassifierInputBuilder({ ...options, categories });
  const overall = emptyCounts();
  const bySource: Record<string, AccuracyCounts> = {};
  const categoryConfusion: ConfusionTable = {};
  const familyConfusion: ConfusionTable = {};
  const tierConfusion: ConfusionTable = {};
  const bands = Array.from({ length: 10 }, (_, index) => ({ from: index / 10, to: (index + 1) / 10, count: 0, correct: 0 }));

  for (const example of examples) {
    const input: ClassifierInput = toInput(example.request);
    let predicted: { category?: string; tier?: Tier; confidence: number } | 'abstain' | 'failed';
    try {
      const result = await withTimeout(subject, input, options.timeoutMs ?? 30_000);
      const category = result.category !== undefined && categories.has(result.category) ? result.category : undefined;
      const tier = result.tier !== undefined && isTier(result.tier) ? result.tier : category ? categories.get(category)?.tier : undefined;
      predicted = result.abstain || (category === undefined && tier === undefined) ? 'abstain' : { ...(category ? { category } : {}), ...(tier ? { tier } : {}), confidence: result.confidence };
    } catch {
      predicted = 'failed';
    }
    const goldCategory = example.category !== undefined && categories.has(example.category) ? example.category : undefined;
    const goldTier = example.tier ?? (goldCategory ? categories.get(goldCategory)?.tier : undefined);
    const source = example.source ?? 'unspecified';
    const counts = (bySource[source] ??= emptyCounts());
    for (const target of [overall, counts]) {
      target.examples += 1;
      if (predicted === 'abstain') target.abstained += 1;
      if (predicted === 'failed') target.failed += 1;
    }
    const verdict = typeof predicted === 'string' ? undefined : predicted;
    const noVerdict = predicted === 'abstain' ? '(abstain)' : '(failed)';
    if (goldCategory) {
      const right = verdict?.category === goldCategory;
      const sameFamily = verdict?.category !== undefined && categoryFamily(verdict.category) === categoryFamily(goldCategory);
      for (const target of [overall, counts]) {
        target.categoryLabeled += 1;
        if (right) target.categoryCorrect += 1;
        if (sameFamily) target.familyCorrect += 1;
      }
      count(categoryConfusion, goldCategory, verdict ? (verdict.category ?? '(none)') : noVerdict);
      count(familyConfusion, categoryFamily(goldCategory), verdict?.category ? categoryFamily(verdict.category) : verdict ? '(none)' : noVerdict);
      if (verdict?.category) {
        const band = bands[Math.min(9, Math.floor(verdict.confidence * 10))];
        if (band) {
          band.count += 1;
          if (right) band.correct += 1;
        }
      }
    }
    if (goldTier) {
      const distance = verdict?.tier ? Math.abs(TIERS.indexOf(verdict.tier) - TIERS.indexOf(goldTier)) : Infinity;
      for (const target of [overall, counts]) {
        target.tierLabeled += 1;
        if (distance === 0) target.tierExact += 1;
        if (distance <= 1) target.tierWithinOne += 1;
      }
      count(tierConfusion, goldTier, verdict ? (verdict.tier ?? '(none)') : noVerdict);
    }
  }
  finish(overall);
  for (const counts of Object.values(bySource)) finish(counts);
  return {
    classifier: subject.name,
    ...overall,
    bySource,
    categoryConfusion,
    familyConfusion,
    tierConfusion,
    reliability: bands.filter((band) => band.count > 0).map((band) => ({ from: band.from, to: band.to, count: band.count, accuracy: ratio(band.correct, band.count) })),
    durationMs: Math.round(performance.now() - started),
  };
}

function isClassifier(value: Classifier | LearnedModelInput): value is Classifier {
  return typeof (value as Partial<Classifier>).classify === 'function';
}

async function withTimeout(classifier: Classifier, input: ClassifierInput, timeoutMs: number) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`classifier timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    return await classifier.classify(input, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

function emptyCounts(): AccuracyCounts {
  return { examples: 0, categoryLabeled: 0, categoryCorrect: 0, familyCorrect: 0, tierLabeled: 0, tierExact: 0, tierWithinOne: 0, abstained: 0, failed: 0, categoryAccuracy: 0, familyAccuracy: 0, tierAccuracy: 0, tierWithinOneAccuracy: 0 };
}

function finish(counts: AccuracyCounts): void {
  counts.categoryAccuracy = ratio(counts.categoryCorrect, counts.categoryLabeled);
  counts.familyAccuracy = ratio(counts.familyCorrect, counts.categoryLabeled);
  counts.tierAccuracy = ratio(counts.tierExact, counts.tierLabeled);
  counts.tierWithinOneAccuracy = ratio(counts.tierWithinOne, counts.tierLabeled);
}

function count(table: ConfusionTable, actual: string, predicted: string): void {
  const row = (table[actual] ??= {});
  row[predicted] = (row[predicted] ?? 0) + 1;
}

function ratio(hits: number, total: number): number {
  return total === 0 ? 0 : Math.round((hits / total) * 1000) / 1000;
}
