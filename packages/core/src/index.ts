/**
 * @refract/core: canonical types, signals, rule sets, model selection, cost math and the router.
 * Core imports no HTTP client, database driver or web framework.
 */
export * from './spec';
export * from './errors';
export * from './tiers';
export * from './providers';
export * from './clock';
export * from './catalog';
export * from './tokenizer';
export * from './signals';
export * from './rules';
export * from './classifier';
export * from './overrides';
export * from './deployments';
export * from './selection';
export * from './plan';
export * from './cost';
export * from './router';
export * from './gateway';
export * from './http';
export * from './metrics';
export * from './tenants/tenant-schema';
export type { RoutingStateStore, SessionState } from './storage/routing-state';
export * from './storage';
export * from './auth';
export * from './limits';
export * from './budgets';
export * from './admission';
export * from './records';
export * from './idempotency';
export * from './secrets';
export * from './admin';
