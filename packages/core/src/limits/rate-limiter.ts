/**
 * One limit to check: a scope (e.g. `tenant:acme` or `key:key_123`) with a fixed window and a
 * maximum of requests and/or tokens in it. An unset maximum is not checked.
 */
export interface RateLimitRule {
  scope: string;
  windowMs: number;
  maxRequests?: number;
  maxTokens?: number;
}

export interface RateLimitCost {
  requests: number;
  tokens: number;
}

/** The answer of `RateLimiter.consume`. */
export interface RateLimitDecision {
  allowed: boolean;
  scope: string;
  /** Which maximum refused the request. */
  exceeded?: 'requests' | 'tokens';
  /** Milliseconds until the window resets (0 when allowed). */
  retryAfterMs: number;
  limitRequests?: number;
  limitTokens?: number;
  /** What is left in this window after this call. */
  remainingRequests?: number;
  remainingTokens?: number;
  /** Epoch milliseconds of the window start and end. */
  windowStart: number;
  resetAt: number;
}

/**
 * Requests-per-window and tokens-per-window limits with exact, atomic counting: when backed by a
 * shared store, every instance counts against the same window, so N instances admit exactly the
 * limit between them. Windows are fixed (aligned to multiples of `windowMs` since the epoch).
 *
 * @example
 * const decision = await limiter.consume({ scope: 'tenant:acme', windowMs: 60_000, maxRequests: 50 }, { requests: 1, tokens: 800 });
 * if (!decision.allowed) throw rateLimitError(decision);
 */
export interface RateLimiter {
  /** Counts `cost` against the current window if it fits every maximum; otherwise counts nothing. */
  consume(rule: RateLimitRule, cost: RateLimitCost): Promise<RateLimitDecision>;
  /**
   * Corrects the window a request was admitted in (e.g. actual tokens minus the estimate, or a
   * refund when a later check refused the request). Never refuses; counts may not drop below zero.
   */
  adjust(rule: RateLimitRule, windowStart: number, delta: Partial<RateLimitCost>): Promise<void>;
}

/** Current counts of one window. */
export interface RateWindowCounts {
  requests: number;
  tokens: number;
}

/**
 * The atomic primitive a `RateLimiter` needs from a backend: "add these counts if the result
 * stays within these caps". The in-memory and MongoDB backends implement it; the window logic
 * lives once, in `createRateLimiter`.
 */
export interface RateWindowStore {
  incrementWithin(
    windowId: string,
    cost: RateLimitCost,
    caps: { requests?: number; tokens?: number },
    expiresAt: number,
  ): Promise<{ applied: boolean; counts: RateWindowCounts }>;
  adjust(windowId: string, delta: Partial<RateLimitCost>, expiresAt: number): Promise<void>;
}
