/**
 * @refract/core: canonical types, signals, rule sets, model selection, cost math and the router.
 * Core imports no HTTP client, database driver or web framework.
 */
export * from './spec';
export * from './errors';
export * from './tiers';
export * from './providers';
export * from './clock';
export * from './rules/rule-set-schema';
export * from './overrides/override-settings';
export * from './tenants/tenant-schema';
export * from './catalog/category';
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
