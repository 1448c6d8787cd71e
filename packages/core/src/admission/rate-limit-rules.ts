import type { RateLimitRule } from '../limits/rate-limiter';
import type { ApiKeyRecord } from '../storage/api-key-record';
import type { Tenant } from '../tenants/tenant-schema';

/**
 * The rate-limit rules of a request, key first: a key over its own limit is refused before it
 * can use up the tenant's. A limit of 0 or unset means "no limit".
 *
 * @example
 * rateLimitRules(tenant, key, 60_000); // [{ scope: 'key:key_1', … }, { scope: 'tenant:acme', windowMs: 60000, maxRequests: 50 }]
 */
export function rateLimitRules(tenant: Pick<Tenant, 'slug' | 'limits'>, key: Pick<ApiKeyRecord, 'id' | 'limits'> | undefined, windowMs: number): RateLimitRule[] {
  const rules: RateLimitRule[] = [];
  const add = (scope: string, limits: { requestsPerMinute?: number | undefined; tokensPerMinute?: number | undefined } | undefined): void => {
    const rule: RateLimitRule = { scope, windowMs };
    if (limits?.requestsPerMinute) rule.maxRequests = limits.requestsPerMinute;
    if (limits?.tokensPerMinute) rule.maxTokens = limits.tokensPerMinute;
    if (rule.maxRequests !== undefined || rule.maxTokens !== undefined) rules.push(rule);
  };
  if (key) add(`key:${key.id}`, key.limits);
  add(`tenant:${tenant.slug}`, tenant.limits);
  return rules;
}
