import { z } from 'zod';
import { tierSchema } from '../rules/rule-set-schema';

export const CATEGORY_KEY_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

/** A routing category: a kind of task with its default tier. */
export const categorySchema = z.object({
  key: z.string().regex(CATEGORY_KEY_PATTERN, 'category keys are lowercase snake_case'),
  name: z.string().min(1),
  tier: tierSchema,
  description: z.string().optional(),
  examples: z.array(z.string()).default([]),
  /** Requests in this category need a vision-capable model. */
  requiresVision: z.boolean().default(false),
  /** System prompt added to requests routed to this category (see docs/routing.md, prompt caching). */
  targetSystemPrompt: z.string().optional(),
  /** Preferred model for this category, tried before benchmark selection when eligible. */
  defaultModel: z.string().optional(),
  order: z.number().default(1000),
});

export type Category = z.infer<typeof categorySchema>;
export type CategoryInput = z.input<typeof categorySchema>;
