import type { Category } from '../../catalog/category';
import type { CategorySet } from '../../catalog/category-set';
import type { ModelPricing } from '../../catalog/catalog-model';
import type { ProviderAdapter } from '../../providers/provider-adapter';
import type { Tokenizer } from '../../tokenizer/tokenizer';
import type { InputStrategy } from './build-input';
import type { RecommendableModel } from './build-prompt';
import type { ClassifierCacheOptions } from './classifier-cache';
import type { StructuredOutputMode } from './structured-output';

/** One model the classifier may call. */
export interface LlmClassifierModel {
  adapter: ProviderAdapter;
  /** The provider's model id. */
  model: string;
  /** USD per 1M tokens, for the classifier's own cost; the catalog's price for `model` otherwise. */
  pricing?: ModelPricing;
  /** How to ask for structured output; by adapter type otherwise (see `StructuredOutputMode`). */
  structuredOutput?: StructuredOutputMode;
}

export interface LlmClassifierOptions {
  /** A single classifier model (shorthand for `adapters: [{ adapter, model, pricing }]`). */
  adapter?: ProviderAdapter;
  model?: string;
  pricing?: ModelPricing;
  /** The primary model and up to two fallbacks, tried in order. */
  adapters?: readonly LlmClassifierModel[];
  /** Categories to choose from; the router's (the classifier input's) by default. */
  categories?: CategorySet | readonly Category[];
  /** Default: the rule set's `classifier.contextStrategy`. */
  inputStrategy?: InputStrategy;
  /**
   * Hard cap on the prompt sent (system + user + schema), in `tokenizer` tokens. Never more than
   * the rule set's `classifier.contextLimitTokens`, which is the default.
   */
  maxInputTokens?: number;
  /** Counts the cap; the router's default heuristic unless given. */
  tokenizer?: Tokenizer;
  /** Verdict cache; `false` disables it. */
  cache?: ClassifierCacheOptions | false;
  /** Deadline of each model call in ms (default 2,500); the router's classifier timeout bounds the whole. */
  timeoutMs?: number;
  /** `max_tokens` of the classifier call (default 300). */
  maxOutputTokens?: number;
  /** Models the classifier may recommend; the router still bounds the recommendation. */
  models?: readonly RecommendableModel[];
  /** How far the recommended tier may move from the category's tier (default 1). */
  maxTierShift?: number;
  /** Name in traces (default `llm:<primary model>`). */
  name?: string;
}
