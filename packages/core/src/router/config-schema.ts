import { z } from 'zod';
import { benchmarksSchema, catalogModelOverrideSchema } from '../catalog/catalog-model';
import { categorySchema } from '../catalog/category';
import { providerConfigSchema } from '../deployments/deployment-schema';
import { overrideSettingsSchema } from '../overrides/override-settings';
import { costModeSchema, ruleSetSchema, tierSchema } from '../rules/rule-set-schema';
import { forceRouteModeSchema, tenantSchema } from '../tenants/tenant-schema';

export const selectionExponentsSchema = z.object({ quality: z.number().min(0).max(50), cost: z.number().min(0).max(5) });

/** Router-wide routing settings; tenants override the ones marked so in their own `routing`. */
export const routingSettingsSchema = z.object({
  /** Model names that mean "route this for me". */
  autoModels: z.array(z.string().min(1)).default(['auto', 'auto-prism']),
  /** Name of the global rule set (built-ins: `default`, `economy-first`, `balanced`). Tenants may override. */
  ruleSet: z.string().min(1).default('default'),
  /** Overrides the rule set's cost mode. Tenants may override. */
  costMode: costModeSchema.optional(),
  tierBoost: z.number().int().min(-2).max(2).optional(),
  minTier: tierSchema.optional(),
  maxTier: tierSchema.optional(),
  overrides: overrideSettingsSchema.partial().default({}),
  /** When a client names a concrete model: keep it (`off`), or route anyway (see docs/routing.md). */
  forceRouteMode: forceRouteModeSchema.default('off'),
  /** Appended to a model name (`gpt-4o!`), keeps exactly that model whatever the force-route mode. */
  optOutSuffix: z.string().min(1).max(8).default('!'),
  /** Let force-routing pick a tier above the requested model's tier. */
  allowUpgradePastRequested: z.boolean().default(false),
  /** Category prefixes `smart` force-routing treats as substantial (keeps the user's model). */
  substantialCategoryPrefixes: z
    .array(z.string())
    .default(['coding', 'swe', 'code', 'error', 'qa', 'tool_use', 'system_design', 'reasoning', 'research', 'analysis_complex', 'math_complex', 'sensitive', 'legal', 'medical', 'financial', 'devops', 'sql', 'planning', 'creative_writing_long', 'vision']),
  classifierTimeoutMs: z.number().int().positive().max(120_000).default(2000),
  /** Savings are measured against this model (else against the requested model, when one was named). */
  baselineModel: z.string().min(1).optional(),
  /** Used when no candidate is eligible in any tier. */
  defaultModel: z.string().min(1).optional(),
  maxFallbacks: z.number().int().min(0).max(10).default(3),
  /** Input filling at least this share of the window moves the request to a larger window. */
  nearLimitFill: z.number().min(0.5).max(1).default(0.9),
  /** Truncation keeps input under this share of the window (minus the output reserve). */
  truncationTargetFill: z.number().min(0.3).max(1).default(0.85),
  /** Output tokens assumed when the request does not set max tokens, for window fits. */
  outputReserveTokens: z.number().int().positive().default(4096),
  /** Benchmark axis weights per category key or prefix (merged over the defaults). */
  benchmarkWeights: z.record(z.string(), benchmarksSchema).optional(),
  selectionExponents: z
    .object({ economy: selectionExponentsSchema.optional(), balanced: selectionExponentsSchema.optional(), quality: selectionExponentsSchema.optional() })
    .optional(),
});

/**
 * The serialisable router configuration (what `refract.config.json` holds). Runtime objects
 * (adapters, classifier, tokenizer, storage, clock) are passed beside it to `createRouter`.
 */
export const routerConfigSchema = z.object({
  providers: z.array(providerConfigSchema).default([]),
  /** Catalog additions and overrides (prices, windows, tiers, capabilities), by model id. */
  models: z.record(z.string(), catalogModelOverrideSchema).default({}),
  /** Category additions and overrides, merged by key over the 52 built-ins. */
  categories: z.array(categorySchema.partial().extend({ key: z.string().min(1) })).default([]),
  /** Named rule sets in addition to the built-ins. */
  ruleSets: z.array(ruleSetSchema).default([]),
  tenants: z.array(tenantSchema).default([]),
  /** The tenant of requests that name none. */
  defaultTenant: z.string().min(1).default('default'),
  routing: routingSettingsSchema.prefault({}),
});

export type RoutingSettings = z.infer<typeof routingSettingsSchema>;
export type RouterConfig = z.infer<typeof routerConfigSchema>;
export type RouterConfigInput = z.input<typeof routerConfigSchema>;

/**
 * JSON Schema of the router configuration, for editors and config validation outside Node.
 *
 * @example
 * writeFileSync('refract.schema.json', JSON.stringify(routerConfigJsonSchema(), null, 2));
 */
export function routerConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(routerConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
