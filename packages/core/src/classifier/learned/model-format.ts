import { z } from 'zod';
import { CATEGORY_KEY_PATTERN } from '../../catalog/category';
import { TIERS } from '../../tiers/tiers';
import { featureConfigSchema } from './features';

export const LEARNED_MODEL_FORMAT = 'refract-learned-classifier';

/**
 * The JSON file a trained model is stored in. Two softmax heads share one sparse weight table:
 * outputs `0 … categories.length − 1` are categories, the next eight are the tiers in order.
 * Weights are int8, one scale per output; only non-zero weights of features seen in training are
 * stored (`columns`: feature hashes, ascending, varint-delta; `rowLengths`: one byte per column;
 * `entries`: byte pairs output index, weight).
 */
export const learnedModelSchema = z
  .object({
    format: z.literal(LEARNED_MODEL_FORMAT),
    version: z.literal(1),
    name: z.string().min(1),
    features: featureConfigSchema,
    categories: z.array(z.string().regex(CATEGORY_KEY_PATTERN)).min(1).max(240),
    tiers: z.array(z.enum(TIERS)).length(TIERS.length),
    /** `explicit`: the tier head was trained on tier or difficulty labels and its verdict is used; `category`: the category's tier is. */
    tierMode: z.enum(['explicit', 'category']),
    temperature: z.object({ category: z.number().positive(), tier: z.number().positive() }),
    /** Below this calibrated confidence the classifier abstains. */
    abstainBelow: z.number().min(0).max(1),
    bias: z.array(z.number().finite()),
    scales: z.array(z.number().nonnegative().finite()),
    columns: z.string(),
    rowLengths: z.string(),
    entries: z.string(),
    /** How it was trained and what it scored on held-out data (informational). */
    training: z.record(z.string(), z.unknown()).default({}),
  })
  .refine((model) => model.bias.length === model.categories.length + TIERS.length && model.scales.length === model.bias.length, {
    message: 'bias and scales need one entry per category plus one per tier',
  });

export type LearnedModel = z.infer<typeof learnedModelSchema>;
export type LearnedModelInput = z.input<typeof learnedModelSchema>;
