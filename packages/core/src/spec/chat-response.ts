import { z } from 'zod';
import { toolCallSchema } from './chat-request';

/** OpenAI `usage` object, including the detail fields providers report for caching and reasoning. */
export const usageSchema = z.looseObject({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
  prompt_tokens_details: z
    .looseObject({
      cached_tokens: z.number().int().nonnegative().optional(),
      /** Refract extension: tokens written to a provider prompt cache (Anthropic, Bedrock). */
      cache_write_tokens: z.number().int().nonnegative().optional(),
    })
    .nullable()
    .optional(),
  completion_tokens_details: z
    .looseObject({ reasoning_tokens: z.number().int().nonnegative().optional() })
    .nullable()
    .optional(),
});

export const finishReasonSchema = z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

export const responseMessageSchema = z.looseObject({
  role: z.literal('assistant'),
  content: z.string().nullable(),
  tool_calls: z.array(toolCallSchema).optional(),
  refusal: z.string().nullable().optional(),
  reasoning_content: z.string().nullable().optional(),
});

export const chatChoiceSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  message: responseMessageSchema,
  finish_reason: finishReasonSchema.nullable(),
  logprobs: z.unknown().optional(),
});

export const chatCompletionSchema = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(chatChoiceSchema),
  usage: usageSchema.optional(),
  system_fingerprint: z.string().nullable().optional(),
  service_tier: z.string().nullable().optional(),
});

export type OpenAIUsage = z.infer<typeof usageSchema>;
export type FinishReason = z.infer<typeof finishReasonSchema>;
export type ResponseMessage = z.infer<typeof responseMessageSchema>;
export type ChatChoice = z.infer<typeof chatChoiceSchema>;
/** A chat-completions response body. */
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;
