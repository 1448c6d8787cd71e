import type { RateLimitDecision } from './rate-limiter';

/**
 * OpenAI-style rate-limit headers from the decisions of one request: for requests and tokens
 * each, the most restrictive scope (least remaining) is reported. A refusal adds `retry-after`
 * (whole seconds, rounded up) and `retry-after-ms`.
 *
 * @example
 * rateLimitHeaders([decision]); // { 'x-ratelimit-limit-requests': '50', 'x-ratelimit-remaining-requests': '49', … }
 */
export function rateLimitHeaders(decisions: readonly RateLimitDecision[], now: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const requestScopes = decisions.filter((decision) => decision.limitRequests !== undefined);
  const tokenScopes = decisions.filter((decision) => decision.limitTokens !== undefined);
  const tightestRequests = minBy(requestScopes, (decision) => decision.remainingRequests ?? Infinity);
  const tightestTokens = minBy(tokenScopes, (decision) => decision.remainingTokens ?? Infinity);
  if (tightestRequests) {
    headers['x-ratelimit-limit-requests'] = String(tightestRequests.limitRequests);
    headers['x-ratelimit-remaining-requests'] = String(tightestRequests.remainingRequests ?? 0);
    headers['x-ratelimit-reset-requests'] = formatDuration(tightestRequests.resetAt - now);
  }
  if (tightestTokens) {
    headers['x-ratelimit-limit-tokens'] = String(tightestTokens.limitTokens);
    headers['x-ratelimit-remaining-tokens'] = String(tightestTokens.remainingTokens ?? 0);
    headers['x-ratelimit-reset-tokens'] = formatDuration(tightestTokens.resetAt - now);
  }
  const refused = decisions.find((decision) => !decision.allowed);
  if (refused) Object.assign(headers, retryAfterHeaders(refused.retryAfterMs));
  return headers;
}

/**
 * `retry-after` in whole seconds (at least 1) and `retry-after-ms`.
 *
 * @example
 * retryAfterHeaders(1500); // { 'retry-after': '2', 'retry-after-ms': '1500' }
 */
export function retryAfterHeaders(retryAfterMs: number): Record<string, string> {
  const ms = Math.max(0, Math.ceil(retryAfterMs));
  return { 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))), 'retry-after-ms': String(ms) };
}

/**
 * Go-style duration as OpenAI sends it: `59s`, `1m0s`, `250ms`.
 *
 * @example
 * formatDuration(61_000); // '1m1s'
 */
export function formatDuration(ms: number): string {
  const value = Math.max(0, Math.ceil(ms));
  if (value < 1000) return `${value}ms`;
  const seconds = Math.ceil(value / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h${minutes % 60}m${seconds % 60}s`;
}

function minBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = Infinity;
  for (const item of items) {
    const value = score(item);
    if (best === undefined || value < bestScore) {
      best = item;
      bestScore = value;
    }
  }
  return best;
}
