import { z } from 'zod';
import { overrideSettingsSchema } from '../overrides/override-settings';
import { costModeSchema, tierSchema } from '../rules/rule-set-schema';

export const TENANT_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const forceRouteModeSchema = z.enum(['off', 'fim_only', 'smart', 'all']);
export type ForceRouteMode = z.infer<typeof forceRouteModeSchema>;

/** Routing settings of one tenant. Unset fields fall back to the router-wide config. */
export const tenantRoutingSchema = z.object({
  /** Name of the rule set this tenant uses; unset means the global default. */
  ruleSet: z.string().min(1).optional(),
  costMode: costModeSchema.optional(),
  tierBoost: z.number().int().min(-2).max(2).optional(),
  /** What to do when a client names a concrete model: keep it (`off`) or route anyway. */
  forceRouteMode: forceRouteModeSchema.optional(),
  /** Lowest and highest tier auto-routing may pick for this tenant. */
  minTier: tierSchema.optional(),
  maxTier: tierSchema.optional(),
  /** Allow a force-routed request to land above the tier of the model the client asked for. */
  allowUpgradePastRequested: z.boolean().optional(),
  overrides: overrideSettingsSchema.partial().optional(),
  /** Model used when nothing else is eligible. */
  defaultModel: z.string().min(1).optional(),
  /** Model that savings are measured against. */
  baselineModel: z.string().min(1).optional(),
});

export const modelPolicySchema = z.object({
  /** When non-empty, only these models (exact id, `provider/id`, or a `*` glob) may be used. */
  allow: z.array(z.string().min(1)).optional(),
  /** These models may never be used, whatever else says so. */
  deny: z.array(z.string().min(1)).optional(),
  /** Alias → model id, resolved once before routing. */
  aliases: z.record(z.string(), z.string().min(1)).optional(),
});

export const tenantLimitsSchema = z.object({
  requestsPerMinute: z.number().int().nonnegative().optional(),
  tokensPerMinute: z.number().int().nonnegative().optional(),
});

export const budgetGuardSchema = z.object({
  /** Share of any budget (0–1) at which the guard switches on. */
  threshold: z.number().min(0).max(1).default(0.8),
  /** Cost mode forced while the guard is on. */
  costMode: costModeSchema.optional(),
  /** Tiers refused while the guard is on. */
  blockTiers: z.array(tierSchema).default([]),
});

export const tenantBudgetsSchema = z.object({
  dailyUsd: z.number().positive().optional(),
  weeklyUsd: z.number().positive().optional(),
  monthlyUsd: z.number().positive().optional(),
  guard: budgetGuardSchema.optional(),
});

export const quotaSchema = z.object({
  kind: z.enum(['tokens_daily', 'tokens_monthly', 'requests_daily', 'requests_monthly', 'cost_monthly']),
  limit: z.number().positive(),
  enforcement: z.enum(['hard_block', 'soft_warning', 'auto_economy']).default('hard_block'),
});

/**
 * A tenant: who may call, how their requests are routed, and what they may spend.
 *
 * @example
 * const acme = tenantSchema.parse({ slug: 'acme', routing: { costMode: 'economy' }, models: { deny: ['o1'] } });
 */
export const tenantSchema = z.object({
  slug: z.string().regex(TENANT_SLUG_PATTERN, 'slug must be lowercase letters, digits and dashes'),
  name: z.string().optional(),
  enabled: z.boolean().default(true),
  routing: tenantRoutingSchema.default({}),
  models: modelPolicySchema.default({}),
  /** Prepended to the system prompt of every request; empty disables it. */
  defaultSystemPrompt: z.string().optional(),
  limits: tenantLimitsSchema.default({}),
  budgets: tenantBudgetsSchema.default({}),
  quotas: z.array(quotaSchema).default([]),
});

export type TenantRouting = z.infer<typeof tenantRoutingSchema>;
export type ModelPolicy = z.infer<typeof modelPolicySchema>;
export type TenantLimits = z.infer<typeof tenantLimitsSchema>;
export type TenantBudgets = z.infer<typeof tenantBudgetsSchema>;
export type Quota = z.infer<typeof quotaSchema>;
export type Tenant = z.infer<typeof tenantSchema>;
export type TenantInput = z.input<typeof tenantSchema>;
