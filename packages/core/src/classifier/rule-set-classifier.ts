import type { Category } from '../catalog/category';
import { CategorySet } from '../catalog/category-set';
import { resolveCategory } from '../router/decide-tier';
import { clampTier } from '../tiers/tiers';
import type { Classifier, ClassifierResult } from './classifier';

/**
 * The rule set's own verdict as a `Classifier`: the category and tier the router would use with
 * no classifier at all (the pre-route, bounded by its floor and cap, the category filled in from
 * tier and domain when no rule named one). A baseline for `evaluateClassifier`, and a way to
 * compare a learned model with the keyword pre-router on the same labels.
 *
 * @example
 * const report = await evaluateClassifier(createRuleSetClassifier(), examples);
 */
export function createRuleSetClassifier(): Classifier {
  const sets = new WeakMap<readonly Category[], CategorySet>();
  return {
    name: 'rule-set',
    async classify(input): Promise<ClassifierResult> {
      let categories = sets.get(input.categories);
      if (!categories) {
        categories = new CategorySet(input.categories);
        sets.set(input.categories, categories);
      }
      const { preRoute } = input;
      const tier = clampTier(preRoute.tier ?? 'medium', preRoute.floor, preRoute.cap);
      const category = resolveCategory(preRoute.category, tier, preRoute.domain, categories);
      return { category: category.key, tier, confidence: preRoute.confidence, source: 'rule-set', reasoning: preRoute.source };
    },
  };
}
