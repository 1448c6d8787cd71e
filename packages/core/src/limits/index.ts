export type {
  RateLimiter,
  RateLimitRule,
  RateLimitCost,
  RateLimitDecision,
  RateWindowStore,
  RateWindowCounts,
} from './rate-limiter';
export { createRateLimiter, type CreateRateLimiterOptions } from './create-rate-limiter';
export { rateLimitHeaders, retryAfterHeaders, formatDuration } from './rate-limit-headers';
