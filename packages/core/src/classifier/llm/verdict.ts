import { z } from 'zod';
import type { Category } from '../../catalog/category';
import type { Signals } from '../../signals/signals';
import { TIERS, clampTier, isTier, shiftTier, type Tier } from '../../tiers/tiers';
import type { ClassifierResult } from '../classifier';

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * What the classifier model must answer. Only `category` is required; a malformed optional field
 * is dropped rather than failing the verdict. The seed's field names (`cost_tier`,
 * `user_frustration_signal`) are accepted as aliases.
 */
export const verdictSchema = z.looseObject({
  category: z.string().min(1),
  complexity: optional(z.union([z.number(), z.string()])),
  confidence: optional(z.union([z.number(), z.string()])),
  domain: optional(z.string().max(60)),
  language: optional(z.string().max(40)),
  has_image: optional(z.boolean()),
  estimated_output_length: optional(z.enum(['short', 'medium', 'long'])),
  frustration: optional(z.boolean()),
  user_frustration_signal: optional(z.boolean()),
  recommended_tier: optional(z.string()),
  cost_tier: optional(z.string()),
  recommended_model: optional(z.string().nullable()),
  reasoning: optional(z.string()),
});

/** The JSON schema sent as `response_format` / tool parameters (strict: every key required). */
export function verdictJsonSchema(withModels: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    category: { type: 'string', description: 'one category key from the list' },
    complexity: { type: 'number', description: '0 (trivial) to 1 (hardest)' },
    confidence: { type: 'number', description: '0 to 1' },
    domain: { type: 'string' },
    language: { type: 'string', description: 'ISO 639-1 code of the user message' },
    has_image: { type: 'boolean' },
    estimated_output_length: { type: 'string', enum: ['short', 'medium', 'long'] },
    frustration: { type: 'boolean' },
    recommended_tier: { type: 'string', enum: [...TIERS] },
    reasoning: { type: 'string', description: 'one short sentence' },
  };
  if (withModels) properties['recommended_model'] = { type: ['string', 'null'] };
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

const COMPLEXITY_WORDS: Readonly<Record<string, number>> = { trivial: 0.1, simple: 0.25, easy: 0.25, medium: 0.5, moderate: 0.5, complex: 0.75, hard: 0.75, expert: 0.9 };

export interface VerdictContext {
  categories: readonly Category[];
  signals: Signals;
  /** Model ids the prompt offered, for `recommended_model`. */
  models: ReadonlySet<string>;
  /** How far the recommended tier may move from the category's tier (default 1). */
  maxTierShift: number;
  source: string;
}

/**
 * Validates a parsed answer and turns it into a `ClassifierResult`. @returns an error message
 * instead when the answer has no usable category (the caller then tries the next model).
 *
 * @example
 * readVerdict(extractJson(answer), { categories, signals, models: new Set(), maxTierShift: 1, source: 'llm:m' });
 */
export function readVerdict(value: unknown, context: VerdictContext): ClassifierResult | string {
  const parsed = verdictSchema.safeParse(value);
  if (!parsed.success) return `answer is not a verdict (${parsed.error.issues[0]?.message ?? 'invalid'})`;
  const verdict = parsed.data;
  const key = verdict.category.trim().toLowerCase();
  const category = context.categories.find((entry) => entry.key === key);
  if (!category) return `unknown category '${verdict.category.slice(0, 60)}'`;

  const recommended = [verdict.recommended_tier, verdict.cost_tier].map((tier) => tier?.trim().toLowerCase()).find(isTier);
  const tier: Tier = recommended
    ? clampTier(recommended, shiftTier(category.tier, -context.maxTierShift), shiftTier(category.tier, context.maxTierShift))
    : category.tier;
  const result: ClassifierResult = {
    category: category.key,
    tier,
    confidence: readConfidence(verdict.confidence),
    hasImage: verdict.has_image === true || context.signals.hasImages,
    frustration: verdict.frustration === true || verdict.user_frustration_signal === true,
    source: context.source,
  };
  const complexity = readComplexity(verdict.complexity);
  if (complexity !== undefined) result.complexity = complexity;
  const domain = verdict.domain?.trim().toLowerCase();
  if (domain && domain !== 'general' && domain !== 'none') result.domain = domain;
  if (verdict.language) result.language = verdict.language.trim().toLowerCase();
  if (verdict.estimated_output_length) result.estimatedOutput = verdict.estimated_output_length;
  if (verdict.recommended_model && context.models.has(verdict.recommended_model)) result.recommendedModel = verdict.recommended_model;
  if (verdict.reasoning) result.reasoning = verdict.reasoning.trim().slice(0, 240);
  if (recommended && recommended !== tier) result.reasoning = `${result.reasoning ?? ''} (recommended ${recommended}, kept within ${context.maxTierShift} of ${category.tier})`.trim();
  return result;
}

/** 0–1 as is; 1–100 read as a percentage; a missing or unreadable value is 0.5 (unknown). */
function readConfidence(value: number | string | undefined): number {
  const number = typeof value === 'string' ? Number(value.replace('%', '')) : value;
  if (number === undefined || !Number.isFinite(number) || number < 0) return 0.5;
  if (number <= 1) return number;
  return number <= 100 ? number / 100 : 0.5;
}

function readComplexity(value: number | string | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const word = COMPLEXITY_WORDS[value.trim().toLowerCase()];
  if (word !== undefined) return word;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : undefined;
}
