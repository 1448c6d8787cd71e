import type { BackoffOptions } from './backoff';

/** How `router.chat()` and `router.stream()` call providers. */
export interface GatewayOptions {
  /** Per provider call: the whole call for JSON, headers and idle gaps for streams. Default 120 000 ms. */
  timeoutMs?: number;
  /** Retries on the same target for retryable errors before moving on. Default 1. */
  retriesPerTarget?: number;
  /** A `retry-after` longer than this moves on to the next target instead of waiting. Default 8 000 ms. */
  maxRetryAfterMs?: number;
  backoff?: BackoffOptions;
  breaker?: { failureThreshold?: number; cooldownMs?: number; halfOpenProbes?: number };
  /** Inject the tenant default and category target system prompts. Default true. */
  injectSystemPrompts?: boolean;
}
