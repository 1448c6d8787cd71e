import type { ProviderError } from '../errors/provider-error';

export type AttemptAction =
  /** Try the same target again after `delayMs`. */
  | 'retry'
  /** Move on to the next target of the fallback chain. */
  | 'next'
  /** The request is too large for this model: move to a model with a larger window. */
  | 'upgrade-context'
  /** The provider named a lower output limit: retry the same target with max tokens clamped to it. */
  | 'clamp-max-tokens'
  /** Stop: the failure is the client's (bad request, content policy) or the client went away. */
  | 'fail';

export interface AttemptDecision {
  action: AttemptAction;
  /** Whether the failure says the target is unhealthy (feeds the circuit breaker). */
  breakerFailure: boolean;
  delayMs?: number;
}

export interface AttemptPolicyOptions {
  /** Retries on the same target for retryable errors. Default 1. */
  retriesPerTarget: number;
  /** A `retry-after` longer than this moves on to the next target instead of waiting. */
  maxRetryAfterMs: number;
}

/**
 * What to do after a provider error. Retryable failures (408/409/429/5xx, network, timeouts) are
 * retried on the same target with backoff, then the next target is tried; auth and missing-model
 * failures skip to the next target; context overflow moves to a larger window; a max_tokens error
 * is retried once with the limit the provider named; a client's own bad request or a content
 * policy refusal is returned as is (another provider would refuse it too).
 */
export function decideAfterError(
  error: ProviderError,
  attemptOnTarget: number,
  currentMaxTokens: number | undefined,
  options: AttemptPolicyOptions,
  delayFor: (attempt: number, retryAfterMs: number | undefined) => number,
): AttemptDecision {
  switch (error.kind) {
    case 'aborted':
      return { action: 'fail', breakerFailure: false };
    case 'context_overflow':
      return { action: 'upgrade-context', breakerFailure: false };
    case 'max_tokens':
      if (error.maxTokensLimit !== undefined && (currentMaxTokens === undefined || error.maxTokensLimit < currentMaxTokens)) {
        return { action: 'clamp-max-tokens', breakerFailure: false };
      }
      return { action: 'next', breakerFailure: false };
    case 'bad_request':
    case 'content_filter':
      return { action: 'fail', breakerFailure: false };
    case 'auth':
    case 'permission':
    case 'not_found':
    case 'decode':
    case 'unknown':
      return { action: 'next', breakerFailure: true };
    case 'rate_limit':
    case 'overloaded':
    case 'server':
    case 'network':
    case 'timeout': {
      const tooLong = error.retryAfterMs !== undefined && error.retryAfterMs > options.maxRetryAfterMs;
      if (attemptOnTarget <= options.retriesPerTarget && error.retryable && !tooLong) {
        return { action: 'retry', breakerFailure: true, delayMs: delayFor(attemptOnTarget, error.retryAfterMs) };
      }
      return { action: 'next', breakerFailure: true };
    }
  }
}
