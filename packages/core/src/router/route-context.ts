import type { CostMode } from '../rules/rule-set-schema';
import type { Tier } from '../tiers/tiers';
import type { RouteDecision } from './decision';

/** Per-request context for `router.route()` and `router.chat()`. */
export interface RouteContext {
  /** Tenant slug; the router's `defaultTenant` when absent. */
  tenant?: string;
  /** Session id, for session-aware rules (context fill of the previous turn). */
  sessionId?: string;
  /** Share of the context window the session's previous request filled; read from storage when absent. */
  previousSessionFill?: number;
  /** Aborts the classifier call (and, in `chat()`, the provider call). */
  signal?: AbortSignal;
  /** Health check: return false for a deployment that must not be used now (circuit open). */
  isAvailable?: (provider: string, model: string) => boolean;
  /** Budget guard state from admission: a forced cost mode and blocked tiers. */
  guard?: { costMode?: CostMode; blockedTiers?: readonly Tier[] };
  /** Skip request validation (the HTTP layer has already validated). */
  validated?: boolean;
  /**
   * Called by `chat()`, `stream()` and `embed()` after routing and before any provider call (not
   * by a dry-run `route()`): admission (rate limits, budget reservation) hooks in here, with the
   * worst-case cost of the call. Throwing refuses the request with that error.
   */
  beforeCall?: (plan: CallPlan) => Promise<void> | void;
}

/** What is about to be called, for admission: the target and the worst case it may cost. */
export interface CallPlan {
  kind: 'chat' | 'stream' | 'embeddings';
  tenant: string;
  provider: string;
  model: string;
  tier: Tier;
  inputTokens: number;
  /** The most output the call may produce (its max tokens, else the model's output limit). */
  maxOutputTokens: number;
  /** Input plus maximum output at the target's prices, USD. */
  worstCaseUsd: number;
  /** The routing decision (chat and stream). */
  decision?: RouteDecision;
}
