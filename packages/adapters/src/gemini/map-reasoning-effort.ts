import type { ProviderWarning, ReasoningEffort } from '@refract/core';
import type { GeminiThinkingConfig } from './gemini-api-types';
import { geminiModelFamily } from './gemini-model-family';

/** Thinking budgets (tokens) used for models configured by budget (Gemini 2.5 and aliases). */
export const THINKING_BUDGETS: Record<Exclude<ReasoningEffort, 'minimal'>, number> = {
  low: 1024,
  medium: 8192,
  high: 24576,
};

/** Smallest budget of the 2.5 Pro models, which cannot turn thinking off. */
const PRO_MINIMUM_BUDGET = 128;

export interface ThinkingMapping {
  thinkingConfig?: GeminiThinkingConfig;
  warnings: ProviderWarning[];
}

/**
 * Maps OpenAI `reasoning_effort` to Gemini's `thinkingConfig`, per model family:
 * - Gemini 3 and later: `thinkingLevel` (Pro models know only `low`/`high`: `minimal` → `low`,
 *   `medium` → `high`, with a warning);
 * - Gemini 2.5 and ids without a version (`gemini-flash-latest`, tuned models): `thinkingBudget`
 *   (minimal 0, low 1024, medium 8192, high 24576; Pro cannot go below 128);
 * - Gemini 2.0 and older, Gemma: not supported (warning, nothing sent).
 *
 * @example
 * mapReasoningEffort('low', 'gemini-2.5-flash', true); // { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true }, warnings: [] }
 */
export function mapReasoningEffort(effort: ReasoningEffort, model: string, includeThoughts: boolean): ThinkingMapping {
  const family = geminiModelFamily(model);
  const warnings: ProviderWarning[] = [];
  if (family.isGemma || (family.version !== undefined && family.version < 2.5)) {
    return {
      warnings: [
        { type: 'unsupported-parameter', parameter: 'reasoning_effort', message: `${model} has no thinking configuration; reasoning_effort was not sent` },
      ],
    };
  }
  if (family.version !== undefined && family.version >= 3) {
    let level: NonNullable<GeminiThinkingConfig['thinkingLevel']> = effort;
    if (family.isPro && (effort === 'minimal' || effort === 'medium')) {
      level = effort === 'minimal' ? 'low' : 'high';
      warnings.push({
        type: 'parameter-changed',
        parameter: 'reasoning_effort',
        message: `${model} supports only the thinking levels low and high; reasoning_effort ${effort} was sent as ${level}`,
      });
    }
    return { thinkingConfig: { thinkingLevel: level, ...(includeThoughts ? { includeThoughts: true } : {}) }, warnings };
  }
  if (effort === 'minimal') {
    if (!family.isPro) return { thinkingConfig: { thinkingBudget: 0 }, warnings };
    warnings.push({
      type: 'parameter-changed',
      parameter: 'reasoning_effort',
      message: `${model} cannot turn thinking off; reasoning_effort minimal was sent as a thinking budget of ${PRO_MINIMUM_BUDGET} tokens`,
    });
    return { thinkingConfig: { thinkingBudget: PRO_MINIMUM_BUDGET, ...(includeThoughts ? { includeThoughts: true } : {}) }, warnings };
  }
  return { thinkingConfig: { thinkingBudget: THINKING_BUDGETS[effort], ...(includeThoughts ? { includeThoughts: true } : {}) }, warnings };
}
