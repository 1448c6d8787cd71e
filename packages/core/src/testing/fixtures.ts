import type { RequestLog } from '../records/request-log';
import { type Tenant, type TenantInput, tenantSchema } from '../tenants/tenant-schema';

/** A validated tenant with a unique-looking slug unless given. */
export function makeTenant(input: Partial<TenantInput> & { slug: string }): Tenant {
  return tenantSchema.parse(input);
}

let sequence = 0;

/** A successful request log with sensible numbers; override what the test is about. */
export function makeLog(overrides: Partial<RequestLog> & { tenant: string; timestamp: number }): RequestLog {
  sequence += 1;
  return {
    id: `log-${process.pid}-${Date.now().toString(36)}-${sequence}`,
    requestedModel: 'auto',
    routedModel: 'gpt-4o-mini',
    provider: 'openai',
    category: 'coding',
    tier: 'medium',
    confidence: 0.8,
    autoRouted: true,
    stream: false,
    inputTokens: 100,
    outputTokens: 50,
    costUsd: 0.001,
    baselineCostUsd: 0.004,
    savedUsd: 0.003,
    latencyMs: 120,
    fallbacksTried: [],
    status: 'success',
    httpStatus: 200,
    ...overrides,
  };
}
