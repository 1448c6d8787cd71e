import type { FinishReason } from '@refract/core';

const KNOWN: ReadonlySet<string> = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/** Spellings OpenAI-compatible servers use for the canonical reasons. */
const ALIASES: Readonly<Record<string, FinishReason>> = {
  eos: 'stop',
  eos_token: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_length: 'length',
  tool_use: 'tool_calls',
  tool_call: 'tool_calls',
  content_filtered: 'content_filter',
  safety: 'content_filter',
};

/**
 * Maps a Chat Completions `finish_reason` to the canonical one. `null`/absent stays null (the
 * choice is not finished); an unknown reason becomes `stop`.
 */
export function mapOpenAIFinishReason(reason: unknown): FinishReason | null {
  if (typeof reason !== 'string' || reason === '') return null;
  if (KNOWN.has(reason)) return reason as FinishReason;
  return ALIASES[reason.toLowerCase()] ?? 'stop';
}
