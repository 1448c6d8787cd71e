import type { CategorySet } from '../../catalog/category-set';
import { compileRuleSet } from '../../rules/compile-rule-set';
import type { RuleSetInput } from '../../rules/rule-set-schema';
import type { LabeledExample } from './labeled-example';

/**
 * Examples made from a rule set's keyword rules: each keyword (a trailing `*` dropped) as a tiny
 * prompt labeled with its rule's category. They carry what the rules know about everyday
 * intents ("translate", "fix grammar", "dockerfile") into a model whose other data may never
 * show them; rules without a category are skipped.
 *
 * @example
 * trainClassifier([...myExamples, ...ruleKeywordExamples(DEFAULT_RULE_SET, CategorySet.builtIn())]);
 */
export function ruleKeywordExamples(ruleSet: RuleSetInput, categories: CategorySet, weight = 1): LabeledExample[] {
  const compiled = compileRuleSet(ruleSet, (key) => categories.has(key));
  const out: LabeledExample[] = [];
  for (const { rule } of compiled.keywordRules) {
    const category = rule.effect.category;
    if (!rule.enabled || category === undefined || !categories.has(category)) continue;
    for (const keyword of rule.keywords) {
      const text = keyword.replace(/\*$/, '').trim();
      if (text === '') continue;
      out.push({ request: { model: 'auto', messages: [{ role: 'user', content: text }] }, category, weight, source: `rule:${rule.name}` });
    }
  }
  return out;
}
