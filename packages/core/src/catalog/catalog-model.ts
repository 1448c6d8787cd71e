import { z } from 'zod';
import { tierSchema } from '../rules/rule-set-schema';

/** USD per 1M tokens. */
export const modelPricingSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  /** Price of input tokens read from a prompt cache; defaults to `input`. */
  cachedInput: z.number().nonnegative().optional(),
  /** Price of input tokens written to a prompt cache; defaults to `input`. */
  cacheWrite: z.number().nonnegative().optional(),
});

export const modelCapabilitiesSchema = z.object({
  vision: z.boolean().default(false),
  tools: z.boolean().default(true),
  /** JSON mode / structured output. */
  json: z.boolean().default(true),
  reasoning: z.boolean().default(false),
});

/** Scores 0–100 on four axes, higher is better (speed: faster is higher). */
export const benchmarksSchema = z.object({
  intelligence: z.number().min(0).max(100),
  coding: z.number().min(0).max(100),
  math: z.number().min(0).max(100),
  speed: z.number().min(0).max(100),
});

/**
 * One model as the router knows it. Built-in entries come from the registry; users add or
 * override entries (and prices) in config.
 */
export const catalogModelSchema = z.object({
  id: z.string().min(1),
  family: z.string().optional(),
  vendor: z.string().optional(),
  tier: tierSchema,
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  pricing: modelPricingSchema.optional(),
  capabilities: modelCapabilitiesSchema.default({ vision: false, tools: true, json: true, reasoning: false }),
  benchmarks: benchmarksSchema.optional(),
  /** Tie-break between equal scores, 1–100 (higher wins). */
  priority: z.number().min(1).max(100).default(50),
  /** Other spellings of this id, normalised, for fuzzy lookup. */
  patterns: z.array(z.string()).default([]),
});

/** A partial entry from config, merged over the built-in entry of the same id. */
export const catalogModelOverrideSchema = catalogModelSchema.partial().extend({
  capabilities: modelCapabilitiesSchema.partial().optional(),
});

export type ModelPricing = z.infer<typeof modelPricingSchema>;
export type ModelCapabilities = z.infer<typeof modelCapabilitiesSchema>;
export type Benchmarks = z.infer<typeof benchmarksSchema>;
export type CatalogModel = z.infer<typeof catalogModelSchema>;
export type CatalogModelInput = z.input<typeof catalogModelSchema>;
export type CatalogModelOverride = z.input<typeof catalogModelOverrideSchema>;
