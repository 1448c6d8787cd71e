import type { Category } from '../catalog/category';
import type { PreRoute } from '../rules/pre-route';
import type { ClassifierSettings } from '../rules/rule-set-schema';
import type { OutputLength, Signals } from '../signals/signals';
import type { ChatRequest } from '../spec/chat-request';
import type { Tier } from '../tiers/tiers';

/** What a classifier is given: the request, its signals, the categories to choose from and the rule hints. */
export interface ClassifierInput {
  request: ChatRequest;
  signals: Signals;
  categories: readonly Category[];
  preRoute: PreRoute;
  /** The rule set's classifier settings (input cap and strategy). */
  settings: ClassifierSettings;
  tenant: string;
}

/** A classifier's verdict. Every field but `confidence` is optional: a classifier says what it knows. */
export interface ClassifierResult {
  category?: string;
  tier?: Tier;
  /** Difficulty in [0, 1]. */
  complexity?: number;
  /** How sure the classifier is, in [0, 1]. */
  confidence: number;
  domain?: string;
  language?: string;
  hasImage?: boolean;
  estimatedOutput?: OutputLength;
  frustration?: boolean;
  /** A model the classifier recommends (bounded by hints and tenant limits before use). */
  recommendedModel?: string;
  reasoning?: string;
  /** What the classification cost (an LLM classifier's own call), for the routing cost. */
  costUsd?: number;
  /** Which classifier (and model) answered, for the trace. */
  source?: string;
  /** True when the result came from a cache. */
  cached?: boolean;
  /**
   * The classifier declined to name a category (too unsure). Such a result carries no `category`
   * or `tier`, so the router keeps the rule-set route; a cascade asks the next classifier.
   */
  abstain?: boolean;
  /** The best-scoring categories with their probabilities, highest first (for traces and tuning). */
  scores?: ClassifierScore[];
  /** Tokens the classification used (an LLM classifier's own call), for metering. */
  usage?: { inputTokens: number; outputTokens: number };
}

/** One category's probability in a classifier verdict. */
export interface ClassifierScore {
  category: string;
  probability: number;
}

/**
 * Classifies a request when the rule hints are not confident enough. Implementations: the LLM
 * classifier (calls a model through a `ProviderAdapter`), the learned local classifier, or any
 * deterministic function in tests. `classify` must honour `signal` (the router aborts it on timeout).
 *
 * @example
 * const classifier: Classifier = { name: 'fixed', classify: async () => ({ category: 'coding_medium', confidence: 0.9 }) };
 */
export interface Classifier {
  readonly name: string;
  classify(input: ClassifierInput, options: { signal: AbortSignal }): Promise<ClassifierResult>;
}
