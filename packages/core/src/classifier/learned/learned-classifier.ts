import type { Category } from '../../catalog/category';
import { RefractError } from '../../errors/refract-error';
import { RefractValidationError, zodIssues } from '../../errors/validation-error';
import { TIERS } from '../../tiers/tiers';
import type { Classifier, ClassifierInput, ClassifierResult, ClassifierScore } from '../classifier';
import { LearnedPredictor } from './learned-predictor';
import { learnedModelSchema, type LearnedModel } from './model-format';

export interface LearnedClassifierOptions {
  /** Classifier name in traces; `learned:<model name>` by default. */
  name?: string;
  /** Abstain below this confidence (default: the model's `abstainBelow`). */
  abstainBelow?: number;
  /** `explicit` reports the tier head's verdict as the tier; `category` leaves the tier to the category (default: the model's). */
  tierMode?: LearnedModel['tierMode'];
  /** How many top categories to report in `scores` (default 3). */
  topScores?: number;
}

/** A `Classifier` backed by a learned model, with direct access to its predictions. */
export interface LearnedClassifier extends Classifier {
  readonly model: LearnedModel;
  readonly predictor: LearnedPredictor;
  /** Synchronous classification (what `classify` does, without the promise). */
  classifySync(input: Pick<ClassifierInput, 'signals' | 'categories'>): ClassifierResult;
}

/**
 * Loads a model written by `trainClassifier` (an object or its JSON text) as a `Classifier`. It
 * answers in microseconds, with no network: use it alone, or in front of the LLM classifier with
 * `cascadeClassifiers`. Categories the router does not offer are masked out; below the
 * abstain threshold it names no category (`abstain: true`), so the rule-set route stands.
 *
 * @throws RefractValidationError (`REFRACT_ERR_CONFIG`) when the model file is malformed.
 * @example
 * const local = loadLearnedClassifier(JSON.parse(readFileSync('model.json', 'utf8')));
 * const router = createRouter({ providers, classifier: local });
 */
export function loadLearnedClassifier(model: unknown, options: LearnedClassifierOptions = {}): LearnedClassifier {
  const parsed = learnedModelSchema.safeParse(typeof model === 'string' ? parseJson(model) : model);
  if (!parsed.success) throw new RefractValidationError('learned classifier model', zodIssues(parsed.error), 'REFRACT_ERR_CONFIG');
  let predictor: LearnedPredictor;
  try {
    predictor = new LearnedPredictor(parsed.data);
  } catch (error) {
    throw new RefractValidationError('learned classifier model', [{ path: 'entries', message: error instanceof Error ? error.message : String(error), code: 'corrupt' }], 'REFRACT_ERR_CONFIG');
  }
  const data = parsed.data;
  const name = options.name ?? `learned:${data.name}`;
  const abstainBelow = options.abstainBelow ?? data.abstainBelow;
  const tierMode = options.tierMode ?? data.tierMode;
  const topScores = options.topScores ?? 3;
  const index = new Map(data.categories.map((key, position) => [key, position]));
  const masks = new WeakMap<readonly Category[], Uint8Array>();
  const maskFor = (categories: readonly Category[]): Uint8Array => {
    let mask = masks.get(categories);
    if (!mask) {
      mask = new Uint8Array(data.categories.length);
      for (const category of categories) {
        const position = index.get(category.key);
        if (position !== undefined) mask[position] = 1;
      }
      masks.set(categories, mask);
    }
    return mask;
  };

  const classifySync = (input: Pick<ClassifierInput, 'signals' | 'categories'>): ClassifierResult => {
    const prediction = predictor.predict(input.signals, maskFor(input.categories));
    const scores = topCategories(prediction.categoryProbabilities, data.categories, topScores);
    const confidence = round(prediction.confidence);
    const result: ClassifierResult = { confidence, complexity: round(prediction.complexity), scores, source: name };
    const best = scores[0];
    if (!best || prediction.category < 0 || prediction.confidence < abstainBelow) {
      result.abstain = true;
      result.reasoning = best ? `unsure: best ${best.category} at ${best.probability} < ${abstainBelow}` : 'no category of the model is offered';
      return result;
    }
    result.category = best.category;
    const tier = TIERS[prediction.tier];
    if (tierMode === 'explicit' && tier) result.tier = tier;
    const runnerUp = scores[1];
    result.reasoning = `${best.category} ${best.probability}${runnerUp ? `, next ${runnerUp.category} ${runnerUp.probability}` : ''}; tier ${tier ?? '?'} ${round(prediction.tierProbabilities[prediction.tier] ?? 0)}`;
    return result;
  };

  return {
    name,
    model: data,
    predictor,
    classifySync,
    async classify(input, { signal }) {
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('classification aborted');
      return classifySync(input);
    },
  };
}

function topCategories(probabilities: Float64Array, keys: readonly string[], count: number): ClassifierScore[] {
  const best: number[] = [];
  for (let index = 0; index < probabilities.length; index += 1) {
    const probability = probabilities[index] as number;
    if (probability <= 0) continue;
    let position = best.length;
    while (position > 0 && probability > (probabilities[best[position - 1] as number] as number)) position -= 1;
    if (position >= count) continue;
    best.splice(position, 0, index);
    if (best.length > count) best.pop();
  }
  return best.map((index) => ({ category: keys[index] as string, probability: round(probabilities[index] as number) }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RefractError('REFRACT_ERR_CONFIG', `learned classifier model is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
