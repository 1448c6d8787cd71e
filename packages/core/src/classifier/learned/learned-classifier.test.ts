import { describe, expect, it } from 'vitest';
import { CategorySet } from '../../catalog/category-set';
import { RefractError } from '../../errors/refract-error';
import { createRouter } from '../../router';
import { say, testProviders } from '../../router/router.fixtures';
import { extractSignals } from '../../signals/extract-signals';
import { heuristicTokenizer } from '../../tokenizer/tokenizer';
import { createClassifierInputBuilder } from '../build-classifier-input';
import { loadDefaultClassifier } from './default-classifier';
import { DEFAULT_FEATURE_CONFIG, featureVector } from './features';
import type { LabeledExample } from './labeled-example';
import { loadLearnedClassifier } from './learned-classifier';
import { LearnedPredictor } from './learned-predictor';
import { packModel } from './pack-model';
import { trainClassifier } from './train';

const example = (content: string, labels: Partial<LabeledExample>): LabeledExample => ({ request: { model: 'auto', messages: [{ role: 'user', content }] }, ...labels });
const toInput = createClassifierInputBuilder();
const ask = (content: string) => toInput({ model: 'auto', messages: [{ role: 'user', content }] });

/** A small labeled set in three clearly different categories. */
const small: LabeledExample[] = [
  ...['translate this sentence into german', 'translate to french please', 'how do you say thank you in spanish, translate it', 'translate the paragraph below into italian', 'please translate into english'].map((text) => example(text, { category: 'translation' })),
  ...['write a sql query joining orders and customers', 'sql query to count rows per day', 'select the top customers with a sql join', 'write an sql statement with group by', 'sql query for the latest order per user'].map((text) => example(text, { category: 'sql_generation' })),
  ...['write a poem about the sea', 'a short poem about autumn leaves', 'write me a haiku poem about snow', 'poem about my cat', 'write a funny poem for a birthday'].map((text) => example(text, { category: 'creative_writing_short' })),
];
const { model } = trainClassifier(small, { seed: 11, epochs: 30, categoryExampleWeight: 0.5, calibrationFraction: 0 });

describe('loadLearnedClassifier', () => {
  it('classifies, with scores, complexity and its name as the source', async () => {
    const classifier = loadLearnedClassifier(model, { abstainBelow: 0 });
    const result = await classifier.classify(ask('translate this into german please'), { signal: new AbortController().signal });
    expect(result).toMatchObject({ category: 'translation', source: 'learned:custom' });
    expect(result.scores?.[0]?.category).toBe('translation');
    expect(result.scores?.length).toBe(3);
    expect(result.complexity).toBeGreaterThan(0);
    expect(result.complexity).toBeLessThan(1);
    expect(result.tier).toBeUndefined();
    expect(classifier.classifySync(ask('write a sql query with a join')).category).toBe('sql_generation');
  });

  it('masks the categories the router does not offer, and abstains when none is left', () => {
    const classifier = loadLearnedClassifier(model, { abstainBelow: 0 });
    const input = ask('translate this into german please');
    const withoutTranslation = CategorySet.builtIn().all().filter((category) => category.key !== 'translation');
    const masked = classifier.classifySync({ ...input, categories: withoutTranslation });
    expect(masked.category).not.toBe('translation');
    expect(masked.scores?.some((score) => score.category === 'translation')).toBe(false);
    const custom = CategorySet.builtIn().with([]).all().map((category) => ({ ...category, key: `x_${category.key}` }));
    expect(classifier.classifySync({ ...input, categories: custom })).toMatchObject({ abstain: true, reasoning: 'no category of the model is offered' });
  });

  it('abstains below its threshold, and the router then keeps the rule-set route', async () => {
    const unsure = loadLearnedClassifier(model, { abstainBelow: 0.999 });
    const verdict = unsure.classifySync(ask('zxqv plorb'));
    expect(verdict).toMatchObject({ abstain: true });
    expect(verdict.category).toBeUndefined();
    const router = createRouter({ providers: testProviders, classifier: unsure });
    const decision = await router.route(say('zxqv plorb'));
    expect(decision.trace.find((step) => step.name === 'classifier')?.decided).toMatch(/^no category/);
    const plain = await createRouter({ providers: testProviders }).route(say('zxqv plorb'));
    expect(decision.category).toBe(plain.category);
  });

  it('reports the tier head when trained on explicit tier or difficulty labels', () => {
    const tiered = [
      ...['hello there', 'hi how are you', 'good morning friend', 'hey, thanks a lot', 'hello again my friend'].map((text) => example(text, { category: 'smalltalk_simple', difficulty: 0.05, tier: 'micro' })),
      ...['prove that the algorithm terminates for every input', 'prove the lemma by induction on n', 'give a formal proof of correctness', 'prove this invariant holds for all states', 'prove that the sum converges'].map((text) => example(text, { category: 'reasoning_formal', difficulty: 0.95, tier: 'critical' })),
      ...Array.from({ length: 20 }, (_, index) => example(`prove property number ${index} formally`, { tier: 'critical', difficulty: 0.95 })),
    ];
    const trained = trainClassifier(tiered, { seed: 2, epochs: 30, categoryExampleWeight: 0.5, calibrationFraction: 0 });
    expect(trained.report.tierMode).toBe('explicit');
    const classifier = loadLearnedClassifier(trained.model, { abstainBelow: 0 });
    expect(classifier.classifySync(ask('prove that this loop terminates'))).toMatchObject({ category: 'reasoning_formal', tier: 'critical' });
    expect(classifier.classifySync(ask('hello, how are you today?')).complexity).toBeLessThan(0.5);
  });

  it('refuses a malformed or corrupted model file with a config error', () => {
    const configError = (value: unknown): RefractError => {
      try {
        loadLearnedClassifier(value);
      } catch (error) {
        return error as RefractError;
      }
      throw new Error('loaded a bad model');
    };
    expect(configError('{not json').code).toBe('REFRACT_ERR_CONFIG');
    expect(configError({ ...model, format: 'something-else' }).message).toMatch(/format/);
    expect(configError({ ...model, bias: [1, 2] }).message).toMatch(/one entry per category plus one per tier/);
    expect(configError({ ...model, rowLengths: btoa('\u0001') }).message).toMatch(/columns but 1 row lengths/);
    expect(loadLearnedClassifier(JSON.stringify(model)).name).toBe('learned:custom');
  });

  it('honours an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(loadLearnedClassifier(model).classify(ask('hi'), { signal: controller.signal })).rejects.toThrow('too late');
  });
});

describe('LearnedPredictor', () => {
  it('computes the same logits as the sparse feature vector times the stored weights', () => {
    const signals = extractSignals({ model: 'auto', messages: [{ role: 'user', content: 'Write a Python function that parses dates, with tests.' }] }, { tokenizer: heuristicTokenizer });
    const vector = featureVector(signals, DEFAULT_FEATURE_CONFIG);
    const hashes = [...vector.keys()].map((hash) => hash >>> 0).slice(0, 40);
    const categories = ['coding_simple', 'translation'];
    const outputs = categories.length + 8;
    const weights = Float64Array.from({ length: hashes.length * outputs }, (_, index) => Math.sin(index * 1.7) * 3);
    const bias = Float64Array.from({ length: outputs }, (_, index) => index / 10);
    const { model: packed } = packModel({ outputs, weights, bias }, { name: 't', features: DEFAULT_FEATURE_CONFIG, categories, columnHashes: hashes, tierMode: 'category', temperature: { category: 1, tier: 1 }, abstainBelow: 0, prune: 0, training: {} });
    const logits = new LearnedPredictor(packed).logits(signals);
    hashes.forEach((hash, column) => {
      for (let output = 0; output < outputs; output += 1) bias[output] = (bias[output] as number) + (vector.get(hash | 0) as number) * (weights[column * outputs + output] as number);
    });
    for (let output = 0; output < outputs; output += 1) expect(logits[output]).toBeCloseTo(bias[output] as number, 1);
  });
});

describe('the default model', () => {
  it('loads once and routes a coding question to a coding category', async () => {
    const classifier = await loadDefaultClassifier();
    expect(await loadDefaultClassifier()).toBe(classifier);
    expect(classifier.model.name).toBe('refract-default');
    const verdict = classifier.classifySync(ask('Write a Python function that merges two sorted lists, with unit tests.'));
    expect(verdict.category).toMatch(/^(coding_|qa_testing|code_)/);
    // Everyday intents come from the rule keywords in its training set (defaultTrainingExamples).
    expect(classifier.classifySync(ask('Generate a title for this conversation')).category).toBe('chat_title_generation');
    expect(classifier.classifySync(ask('Convert this JSON to YAML')).category).toBe('format_convert');
  });
});
