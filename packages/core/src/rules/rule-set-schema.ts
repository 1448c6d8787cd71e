import { z } from 'zod';
import { TIERS } from '../tiers/tiers';

export const tierSchema = z.enum(TIERS);
export const costModeSchema = z.enum(['economy', 'balanced', 'quality']);
export type CostMode = z.infer<typeof costModeSchema>;

/** An empty string means "no domain" (the seed data uses `""`). */
const domainSchema = z
  .string()
  .transform((value) => (value.trim() === '' ? undefined : value.trim().toLowerCase()))
  .optional();

/** What a matching keyword rule or system-prompt role does to the pre-route. */
export const ruleEffectSchema = z
  .object({
    category: z.string().min(1).optional(),
    /** Suggested tier (a hint, neither floor nor cap); defaults to the category's tier. */
    tier: tierSchema.optional(),
    /** Floor: the routed tier is never below this. */
    tierMin: tierSchema.optional(),
    /** Cap: the routed tier is never above this (applied after the classifier too). */
    tierMax: tierSchema.optional(),
    domain: domainSchema,
  })
  .refine(
    (effect) =>
      effect.tierMin === undefined ||
      effect.tierMax === undefined ||
      TIERS.indexOf(effect.tierMin) <= TIERS.indexOf(effect.tierMax),
    { message: 'tierMin must not be above tierMax' },
  );

/** Structural conditions a keyword rule may require besides its keywords. */
export const ruleConditionSchema = z.object({
  hasCode: z.boolean().optional(),
  hasImages: z.boolean().optional(),
  hasTools: z.boolean().optional(),
  /** Only when the request has at least this many input tokens. */
  minTokens: z.number().int().nonnegative().optional(),
  /** Only when the request has at most this many input tokens. */
  maxTokens: z.number().int().positive().optional(),
});

export const keywordRuleSchema = z.object({
  name: z.string().min(1),
  enabled: z.boolean().default(true),
  /** Confidence of this rule's hint; defaults to the rule set's `contentKeywords` weight. */
  confidence: z.number().min(0).max(1).optional(),
  when: ruleConditionSchema.optional(),
  keywords: z.array(z.string().min(1)).min(1, 'a keyword rule needs at least one keyword'),
  /** `any`: at least `minMatches` keywords occur; `all`: every keyword occurs. */
  match: z.enum(['any', 'all']).default('any'),
  minMatches: z.number().int().min(1).default(1),
  /** Where to look: the last genuine user message, the system prompt, or both. */
  searchIn: z.enum(['user', 'system', 'all']).default('all'),
  effect: ruleEffectSchema,
});

export const systemPromptRoleSchema = z.object({
  name: z.string().min(1),
  enabled: z.boolean().default(true),
  /** Case-insensitive regular expression tested against the system prompt. */
  pattern: z.string().min(1).refine(isValidRegex, { message: 'pattern is not a valid regular expression' }),
  effect: ruleEffectSchema,
});

export const tokenThresholdsSchema = z
  .object({
    micro: z.number().int().positive().default(150),
    minimal: z.number().int().positive().default(500),
    low: z.number().int().positive().default(2000),
    medium: z.number().int().positive().default(15000),
    /** At or above this many input tokens the pre-route hints tier `high`. */
    alwaysHigh: z.number().int().positive().default(50000),
  })
  .refine((t) => t.micro < t.minimal && t.minimal < t.low && t.low < t.medium && t.medium < t.alwaysHigh, {
    message: 'token thresholds must ascend: micro < minimal < low < medium < alwaysHigh',
  });

const weight = z.number().min(0).max(1);

export const signalWeightsSchema = z.object({
  tokenCount: weight.default(0.8),
  systemPromptRole: weight.default(0.9),
  contentKeywords: weight.default(0.85),
  codeLanguage: weight.default(0.7),
  conversationTurns: weight.default(0.4),
});

export const classifierSettingsSchema = z.object({
  /** Below this pre-routing confidence the classifier is asked (when one is configured). */
  confidenceThreshold: weight.default(0.65),
  /** Hard cap on the classifier's input, in tokens. */
  contextLimitTokens: z.number().int().min(200).max(200_000).default(4000),
  contextStrategy: z.enum(['metadata_only', 'truncate', 'summary']).default('truncate'),
});

/**
 * A rule set: the hints pre-routing derives from signals. The shape is that of the seed data
 * (`seed-rule-sets.json`), so those files load unchanged; bookkeeping fields of the seed
 * (`isGlobalDefault`, `isDefault`, `tenantId`) are accepted and ignored.
 */
export const ruleSetSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  tokenThresholds: tokenThresholdsSchema.default({ micro: 150, minimal: 500, low: 2000, medium: 15000, alwaysHigh: 50000 }),
  signalWeights: signalWeightsSchema.default({ tokenCount: 0.8, systemPromptRole: 0.9, contentKeywords: 0.85, codeLanguage: 0.7, conversationTurns: 0.4 }),
  turnUpgrade: z
    .object({ enabled: z.boolean().default(false), threshold: z.number().int().min(2).default(4) })
    .default({ enabled: false, threshold: 4 }),
  keywordRules: z.array(keywordRuleSchema).default([]),
  systemPromptRoles: z.array(systemPromptRoleSchema).default([]),
  classifier: classifierSettingsSchema.default({ confidenceThreshold: 0.65, contextLimitTokens: 4000, contextStrategy: 'truncate' }),
  costMode: costModeSchema.default('balanced'),
  /** Whole tiers added after the cost mode, −2 … +2. */
  tierBoost: z.number().int().min(-2).max(2).default(0),
  isGlobalDefault: z.boolean().optional(),
  isDefault: z.boolean().optional(),
  tenantId: z.unknown().optional(),
});

export type RuleEffect = z.infer<typeof ruleEffectSchema>;
export type RuleCondition = z.infer<typeof ruleConditionSchema>;
export type KeywordRule = z.infer<typeof keywordRuleSchema>;
export type SystemPromptRole = z.infer<typeof systemPromptRoleSchema>;
export type TokenThresholds = z.infer<typeof tokenThresholdsSchema>;
export type SignalWeights = z.infer<typeof signalWeightsSchema>;
export type ClassifierSettings = z.infer<typeof classifierSettingsSchema>;
/** A validated rule set with every default filled in. */
export type RuleSet = z.infer<typeof ruleSetSchema>;
/** A rule set as written by users: most fields optional. */
export type RuleSetInput = z.input<typeof ruleSetSchema>;

function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}
