import type { Tier } from '../tiers/tiers';

/**
 * One request as recorded, successful or not. Costs are in USD. A failed provider call is
 * recorded too, with `status: 'error'` and whatever was known when it failed.
 */
export interface RequestLog {
  /** Unique id (the response id where there is one); writing the same id twice stores it once. */
  id: string;
  tenant: string;
  /** Epoch milliseconds when the request arrived. */
  timestamp: number;
  /** Visible prefix of the API key used (never the key itself). */
  keyPrefix?: string;
  keyId?: string;
  /** The model the client asked for (`auto` for auto-routing). */
  requestedModel: string;
  /** The model that answered (or was last tried, on failure). */
  routedModel?: string;
  provider?: string;
  category?: string;
  tier?: Tier;
  /** Routing confidence, 0–1. */
  confidence?: number;
  /** Routing's continuous difficulty estimate, 0–1. */
  complexity?: number;
  autoRouted: boolean;
  stream: boolean;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** What the baseline model would have cost for the same tokens. */
  baselineCostUsd: number;
  savedUsd: number;
  latencyMs: number;
  timeToFirstTokenMs?: number;
  /** `provider/model` of every attempt that failed before the one that answered (or the last). */
  fallbacksTried: string[];
  status: 'success' | 'error';
  /** HTTP status sent to the client. */
  httpStatus?: number;
  errorCode?: string;
  errorMessage?: string;
  sessionId?: string;
}

/** Filters for paging through request logs, newest first. */
export interface RequestLogQuery {
  tenant?: string;
  /** Epoch milliseconds, inclusive. */
  from?: number;
  /** Epoch milliseconds, exclusive. */
  to?: number;
  status?: 'success' | 'error';
  model?: string;
  provider?: string;
  category?: string;
  tier?: Tier;
  sessionId?: string;
  /** Page size, 1–500 (default 50). */
  limit?: number;
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor?: string;
}

export interface RequestLogPage {
  items: RequestLog[];
  /** Present when there may be more items. */
  nextCursor?: string;
}
