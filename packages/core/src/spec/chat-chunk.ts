import { z } from 'zod';
import { finishReasonSchema, usageSchema } from './chat-response';

export const toolCallDeltaSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z
    .looseObject({
      name: z.string().optional(),
      arguments: z.string().optional(),
    })
    .optional(),
});

export const chunkDeltaSchema = z.looseObject({
  role: z.literal('assistant').optional(),
  content: z.string().nullable().optional(),
  tool_calls: z.array(toolCallDeltaSchema).optional(),
  refusal: z.string().nullable().optional(),
  reasoning_content: z.string().nullable().optional(),
});

export const chunkChoiceSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  delta: chunkDeltaSchema,
  finish_reason: finishReasonSchema.nullable().optional(),
  logprobs: z.unknown().optional(),
});

export const chatChunkSchema = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(chunkChoiceSchema),
  usage: usageSchema.nullable().optional(),
  system_fingerprint: z.string().nullable().optional(),
});

export type ToolCallDelta = z.infer<typeof toolCallDeltaSchema>;
export type ChunkDelta = z.infer<typeof chunkDeltaSchema>;
/** One `chat.completion.chunk` of a streamed response. */
export type ChatChunk = z.infer<typeof chatChunkSchema>;
