import type { PreRoute } from '../rules/pre-route';
import type { CostMode } from '../rules/rule-set-schema';
import type { Signals } from '../signals/signals';
import type { ChatRequest } from '../spec/chat-request';
import type { Tier } from '../tiers/tiers';
import type { TraceStep } from './trace';

/** A model at a provider. */
export interface RouteTarget {
  provider: string;
  model: string;
  tier: Tier;
}

/** Something the caller should know about the decision (a clamp, a truncation, a crossed bound). */
export interface RouteWarning {
  code: string;
  message: string;
}

/** How the model was chosen. */
export type RouteMode =
  /** `auto` was requested and routing chose. */
  | 'auto'
  /** A concrete model was requested and kept. */
  | 'explicit'
  /** A concrete model was requested, and force-routing replaced it. */
  | 'force-routed';

export interface CandidateSummary {
  provider: string;
  model: string;
  tier: Tier;
  score: number;
  /** Weighted benchmark quality 0–100. */
  quality: number;
  estimatedCostUsd: number;
  priceSource: string;
  benchmarkSource: string;
}

/**
 * The routing decision for one request: which model at which provider, why, and the request to
 * send it. `router.route()` returns it with no network; `router.chat()` runs the same code and
 * then executes it.
 */
export interface RouteDecision {
  tenant: string;
  requestedModel: string;
  mode: RouteMode;
  /** The provider's model id of the primary target. */
  model: string;
  provider: string;
  category: string;
  /** Continuous difficulty estimate in [0, 1] (see docs/routing.md, "Complexity"). */
  complexity: number;
  tier: Tier;
  confidence: number;
  costMode: CostMode;
  /** Ordered fallbacks, all allowed by policy and able to serve the request. */
  fallbacks: RouteTarget[];
  warnings: RouteWarning[];
  trace: TraceStep[];
  /** One-line summary of the decision. */
  reason: string;
  /** The request to send to the primary target (model set, context fitted, max tokens clamped). */
  request: ChatRequest;
  signals: Signals;
  preRoute: PreRoute | undefined;
  /** How the primary was picked: `benchmark`, `classifier_recommendation`, `category_default`, `explicit`, `default_model`. */
  selectionMethod: string;
  /** The top candidates considered, best first. */
  candidates: CandidateSummary[];
  estimatedInputTokens: number;
  /** Estimated cost of the request on the primary, from expected output. */
  estimatedCostUsd: number;
  contextWindow: number | undefined;
  /** What routing itself cost (a classifier's model call), in USD. */
  routingCostUsd: number;
  routingTimeMs: number;
  /** The model savings are measured against (tenant or router baseline, else the requested model). */
  baselineModel: string | undefined;
  /** Name of the classifier that answered, when one was used. */
  classifier: string | undefined;
}
