import { z } from 'zod';
import { tierSchema } from '../rules/rule-set-schema';

export const OVERRIDE_NAMES = [
  'vision',
  'tool-calls',
  'confidence-fallback',
  'domain-gate',
  'conversation-turns',
  'frustration',
  'output-length',
  'session-context',
] as const;
export type OverrideName = (typeof OVERRIDE_NAMES)[number];

/**
 * Per-tenant switches and thresholds of the override rules (the tier adjustments after
 * classification). Defaults follow the seed tenant, with its defects fixed: the confidence
 * fallback raises to its tier but never lowers, and the session-fill threshold is configurable.
 */
export const overrideSettingsSchema = z.object({
  /** Ordered list of overrides to run; drop a name to disable that rule. */
  order: z.array(z.enum(OVERRIDE_NAMES)).default([...OVERRIDE_NAMES]),
  visionUpgrade: z.boolean().default(true),
  /** Requests with images are raised to at least this tier (unless the category is a vision one). */
  visionMinTier: tierSchema.default('low'),
  toolCallUpgrade: z.boolean().default(true),
  toolCallMinTier: tierSchema.default('medium'),
  confidenceFallback: z.boolean().default(true),
  /** Below this routing confidence the tier is raised to `confidenceFallbackTier` (never lowered). */
  confidenceThreshold: z.number().min(0).max(1).default(0.4),
  confidenceFallbackTier: tierSchema.default('medium'),
  domainGate: z.boolean().default(true),
  domainGateDomains: z.array(z.string()).default(['legal', 'medical', 'finance']),
  domainGateMinTier: tierSchema.default('medium'),
  conversationTurnUpgrade: z.boolean().default(false),
  conversationTurnThreshold: z.number().int().min(2).default(4),
  conversationTurnExemptCategories: z
    .array(z.string())
    .default(['classification_extraction', 'summarization_short', 'summarization_long', 'translation', 'chat_title_generation', 'coding_autocomplete']),
  frustrationUpgrade: z.boolean().default(true),
  /** Frustration is ignored in very short requests (fewer input tokens than this). */
  frustrationMinTokens: z.number().int().min(0).default(30),
  outputLengthUpgrade: z.boolean().default(true),
  outputLengthMinTier: tierSchema.default('low'),
  sessionContextUpgrade: z.boolean().default(true),
  /** When the previous turn of the session filled at least this share of its context window, go up one tier. */
  sessionFillUpgradeThreshold: z.number().min(0).max(1).default(0.75),
});

export type OverrideSettings = z.infer<typeof overrideSettingsSchema>;
export type OverrideSettingsInput = z.input<typeof overrideSettingsSchema>;
