import { CategorySet } from '../../catalog/category-set';
import { DEFAULT_RULE_SET } from '../../rules/built-in-rule-sets';
import type { LabeledExample } from './labeled-example';
import { ruleKeywordExamples } from './rule-examples';

/** The seed the shipped default model is trained with. */
export const DEFAULT_MODEL_SEED = 20_240_731;

/**
 * The training set of the shipped default model, from eval-dev examples (normally the train
 * split): Arena-Hard v0.1 at weight 0.5 (its cluster labels are noisy), the rest at 1, plus the
 * default rule set's keywords as tiny examples (everyday intents the Arena data lacks).
 * `trainClassifier` adds the categories' own examples.
 *
 * @example
 * const { model } = trainClassifier(defaultTrainingExamples(trainSplit), { seed: DEFAULT_MODEL_SEED, name: 'refract-default' });
 */
export function defaultTrainingExamples(evalDev: readonly LabeledExample[]): LabeledExample[] {
  return [
    ...evalDev.map((example) => (example.source === 'arena-hard-v0.1' ? { ...example, weight: 0.5 } : example)),
    ...ruleKeywordExamples(DEFAULT_RULE_SET, CategorySet.builtIn(), 1),
  ];
}
