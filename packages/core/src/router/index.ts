export { createRouter, Router, type RouterOptions, type RouterRuntime } from './create-router';
export {
  routerConfigSchema,
  routingSettingsSchema,
  selectionExponentsSchema,
  routerConfigJsonSchema,
  type RouterConfig,
  type RouterConfigInput,
  type RoutingSettings,
} from './config-schema';
export type { RouteDecision, RouteTarget, RouteWarning, RouteMode, CandidateSummary } from './decision';
export type { RouteContext, CallPlan } from './route-context';
export type { TraceStep } from './trace';
export { compilePolicy, type CompiledPolicy, type PolicySubject } from './model-policy';
export { estimateComplexity } from './complexity';
export { LocalRoutingState } from './local-routing-state';
export type { BudgetGuardState } from './decide-tier';
