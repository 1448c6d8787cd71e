import type { Category } from '../../catalog/category';
import { TIERS, type Tier } from '../../tiers/tiers';

/** A model the classifier may recommend, with its tier. */
export interface RecommendableModel {
  id: string;
  tier: Tier;
}

/** How much of each category the prompt shows: 2 examples, 1 example, or the key alone. */
export type PromptDetail = 2 | 1 | 0;

/**
 * The classifier's system prompt: the task, the tier order, every category grouped under its
 * tier (so no tier is ever cut from the list, unlike the seed's 20-model cap), optional
 * recommendable models (a few per tier, every tier shown), and the answer format.
 *
 * @example
 * buildSystemPrompt(CategorySet.builtIn().all(), { detail: 2, models: [] });
 */
export function buildSystemPrompt(categories: readonly Category[], options: { detail: PromptDetail; models: readonly RecommendableModel[]; modelsPerTier?: number }): string {
  const lines = [
    'You classify one request for an LLM router: pick the one category that fits what the user asks now (not the system prompt), judge how hard it is, and answer with JSON only.',
    `Tiers, cheapest to most capable: ${TIERS.join(' < ')}.`,
    `Categories by default tier (key${options.detail > 0 ? ': examples' : ''}):`,
  ];
  for (const tier of TIERS) {
    const inTier = categories.filter((category) => category.tier === tier);
    if (inTier.length === 0) continue;
    lines.push(`[${tier}]`);
    for (const category of inTier) {
      const examples = category.examples.slice(0, options.detail);
      lines.push(examples.length > 0 ? `${category.key}: ${examples.join('; ')}` : category.key);
    }
  }
  if (options.models.length > 0) {
    const perTier = options.modelsPerTier ?? 3;
    lines.push('Models you may recommend (by tier):');
    for (const tier of TIERS) {
      const ids = options.models.filter((model) => model.tier === tier).slice(0, perTier).map((model) => model.id);
      if (ids.length > 0) lines.push(`[${tier}] ${ids.join(', ')}`);
    }
  }
  lines.push(
    `Answer: {"category":"<key>","complexity":<0-1>,"confidence":<0-1>,"domain":"general|tech|science|legal|medical|finance|…","language":"<ISO 639-1>","has_image":<bool>,"estimated_output_length":"short|medium|long","frustration":<bool>,"recommended_tier":"<tier>",${options.models.length > 0 ? '"recommended_model":"<id or null>",' : ''}"reasoning":"<one short sentence>"}`,
    "recommended_tier: the cheapest tier that answers well; usually the category's tier, one step away only for an unusually easy or hard request.",
  );
  return lines.join('\n');
}
