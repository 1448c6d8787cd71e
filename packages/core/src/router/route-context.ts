import type { CostMode } from '../rules/rule-set-schema';
import type { Tier } from '../tiers/tiers';

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
}
