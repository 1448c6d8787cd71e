import type { ProviderWarning } from '@refract/core';
import { isRecord } from '../shared';

/**
 * Azure OpenAI content-filter annotations → `content-filtered` warnings. Azure sends
 * `prompt_filter_results: [{prompt_index, content_filter_results}]` (also as a stream preamble
 * with no choices) and per-choice `content_filter_results: {hate: {filtered, severity}, ...}`.
 * Only categories that were actually filtered (or detected, for jailbreak/protected material)
 * produce a warning; the usual all-"safe" annotations produce none.
 */
export function contentFilterWarnings(results: unknown, where: string): ProviderWarning[] {
  if (!isRecord(results)) return [];
  const warnings: ProviderWarning[] = [];
  for (const [category, verdict] of Object.entries(results)) {
    if (!isRecord(verdict)) continue;
    const filtered = verdict['filtered'] === true;
    const detected = verdict['detected'] === true;
    if (!filtered && !detected) continue;
    const severity = typeof verdict['severity'] === 'string' ? `, severity ${verdict['severity']}` : '';
    warnings.push({
      type: 'content-filtered',
      message: `content filter ${filtered ? 'filtered' : 'flagged'} "${category}"${severity} in the ${where}`,
    });
  }
  return warnings;
}

/** Warnings from a body's or chunk's `prompt_filter_results` (or the older `prompt_annotations`). */
export function promptFilterWarnings(payload: Record<string, unknown>): ProviderWarning[] {
  const entries = payload['prompt_filter_results'] ?? payload['prompt_annotations'];
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry) => (isRecord(entry) ? contentFilterWarnings(entry['content_filter_results'], 'prompt') : []));
}

/** The warning for a choice that stopped with `finish_reason: content_filter`. */
export function contentFilterFinishWarning(choiceIndex: number): ProviderWarning {
  return {
    type: 'content-filtered',
    message: `the provider's content filter stopped choice ${choiceIndex} (finish_reason content_filter)`,
  };
}
