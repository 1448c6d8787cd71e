export * from './rule-set-schema';
export { compileRuleSet, type CompiledRuleSet, type CompiledKeywordRule, type CompiledRole } from './compile-rule-set';
export { applyRuleSet, tierForTokens } from './apply-rule-set';
export { inferCategoryFromSignals, type SignalInference } from './infer-from-signals';
export { emptyPreRoute, type PreRoute, type PreRouteMatch } from './pre-route';
export { BUILT_IN_RULE_SETS, DEFAULT_RULE_SET, ECONOMY_RULE_SET, BALANCED_RULE_SET, INTENT_RULES } from './built-in-rule-sets';
