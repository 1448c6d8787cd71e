import { RefractValidationError, zodIssues } from '../errors/validation-error';
import { compileKeywords, type KeywordMatcher } from '../signals/keyword-matcher';
import { ruleSetSchema, type KeywordRule, type RuleSet, type RuleSetInput, type SystemPromptRole } from './rule-set-schema';

export interface CompiledKeywordRule {
  rule: KeywordRule;
  matcher: KeywordMatcher;
}

export interface CompiledRole {
  role: SystemPromptRole;
  pattern: RegExp;
}

/** A validated rule set with its keyword matchers and role patterns compiled once. */
export interface CompiledRuleSet {
  ruleSet: RuleSet;
  keywordRules: CompiledKeywordRule[];
  roles: CompiledRole[];
}

/**
 * Validates and compiles a rule set. Category keys in effects are checked against `knownCategories`
 * when given, so a typo fails at startup instead of routing to nothing.
 *
 * @throws RefractValidationError naming each bad path (e.g. `keywordRules.2.effect.category`).
 */
export function compileRuleSet(input: RuleSetInput, knownCategories?: (key: string) => boolean): CompiledRuleSet {
  const parsed = ruleSetSchema.safeParse(input);
  const label = `rule set '${typeof input?.name === 'string' ? input.name : '?'}'`;
  if (!parsed.success) throw new RefractValidationError(label, zodIssues(parsed.error), 'REFRACT_ERR_CONFIG');
  const ruleSet = parsed.data;
  if (knownCategories) {
    const issues: { path: string; message: string; code: string }[] = [];
    ruleSet.keywordRules.forEach((rule, index) => {
      const category = rule.effect.category;
      if (category && !knownCategories(category)) {
        issues.push({ path: `keywordRules.${index}.effect.category`, message: `unknown category '${category}'`, code: 'unknown_category' });
      }
    });
    ruleSet.systemPromptRoles.forEach((role, index) => {
      const category = role.effect.category;
      if (category && !knownCategories(category)) {
        issues.push({ path: `systemPromptRoles.${index}.effect.category`, message: `unknown category '${category}'`, code: 'unknown_category' });
      }
    });
    if (issues.length > 0) throw new RefractValidationError(label, issues, 'REFRACT_ERR_CONFIG');
  }
  return {
    ruleSet,
    keywordRules: ruleSet.keywordRules.filter((rule) => rule.enabled).map((rule) => ({ rule, matcher: compileKeywords(rule.keywords) })),
    roles: ruleSet.systemPromptRoles.filter((role) => role.enabled).map((role) => ({ role, pattern: new RegExp(role.pattern, 'i') })),
  };
}
