import { z } from 'zod';
import { benchmarksSchema, modelCapabilitiesSchema, modelPricingSchema } from '../catalog/catalog-model';
import { tierSchema } from '../rules/rule-set-schema';

export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * One model at one provider. `id` is what the provider calls it (a deployment name on Azure, an
 * inference profile on Bedrock); `catalogId` says which catalog entry describes it when the id
 * alone does not (fuzzy lookup is tried first). Every other field overrides the catalog.
 */
export const deploymentConfigSchema = z.object({
  id: z.string().min(1),
  catalogId: z.string().min(1).optional(),
  tier: tierSchema.optional(),
  pricing: modelPricingSchema.optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  capabilities: modelCapabilitiesSchema.partial().optional(),
  benchmarks: benchmarksSchema.optional(),
  priority: z.number().min(1).max(100).optional(),
  /** Hidden deployments serve explicit requests but are never chosen by auto-routing. */
  routable: z.boolean().default(true),
});

/** A provider the router may send requests to, and the models it serves. */
export const providerConfigSchema = z.object({
  id: z.string().regex(PROVIDER_ID_PATTERN, 'provider ids are lowercase letters, digits, dashes and underscores'),
  /** Adapter kind: openai, azure, anthropic, bedrock, ollama, gemini, or any custom kind. */
  type: z.string().min(1).default('openai'),
  enabled: z.boolean().default(true),
  models: z.array(z.union([z.string().min(1), deploymentConfigSchema])).min(1, 'a provider needs at least one model'),
  /** Adapter options (base URL, API key environment variable, region, …), read by the adapter factory. */
  options: z.record(z.string(), z.unknown()).optional(),
});

export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;
export type DeploymentConfigInput = z.input<typeof deploymentConfigSchema>;
export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type ProviderConfigInput = z.input<typeof providerConfigSchema>;
