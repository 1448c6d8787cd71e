import { CategorySet } from '../catalog/category-set';
import { applyRuleSet } from '../rules/apply-rule-set';
import { DEFAULT_RULE_SET } from '../rules/built-in-rule-sets';
import { compileRuleSet, type CompiledRuleSet } from '../rules/compile-rule-set';
import type { RuleSetInput } from '../rules/rule-set-schema';
import { extractSignals } from '../signals/extract-signals';
import type { ChatRequest } from '../spec/chat-request';
import { heuristicTokenizer, type Tokenizer } from '../tokenizer/tokenizer';
import type { ClassifierInput } from './classifier';

export interface ClassifierInputContext {
  /** The categories on offer (built-ins by default). */
  categories?: CategorySet;
  /** The rule set whose pre-route the classifier sees (Refract's default rule set by default). */
  ruleSet?: RuleSetInput;
  tokenizer?: Tokenizer;
  tenant?: string;
}

/**
 * Builds classifier inputs the way the router does (signals, rule-set pre-route, classifier
 * settings) without a router: for evaluation, benchmarks and offline tools. The rule set is
 * compiled once.
 *
 * @example
 * const toInput = createClassifierInputBuilder();
 * const verdict = await classifier.classify(toInput({ model: 'auto', messages }), { signal });
 */
export function createClassifierInputBuilder(context: ClassifierInputContext = {}): (request: ChatRequest) => ClassifierInput {
  const categories = context.categories ?? CategorySet.builtIn();
  const compiled: CompiledRuleSet = compileRuleSet(context.ruleSet ?? DEFAULT_RULE_SET, (key) => categories.has(key));
  const tokenizer = context.tokenizer ?? heuristicTokenizer;
  const all = categories.all();
  return (request) => {
    const signals = extractSignals(request, { tokenizer });
    return {
      request,
      signals,
      categories: all,
      preRoute: applyRuleSet(signals, compiled, categories),
      settings: compiled.ruleSet.classifier,
      tenant: context.tenant ?? 'default',
    };
  };
}
