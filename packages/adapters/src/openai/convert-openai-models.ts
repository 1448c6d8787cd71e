import type { ProviderModelInfo } from '@refract/core';
import { finiteNumber, isRecord, nonEmptyString } from '../shared';

/** Fields in which OpenAI-compatible servers report a model's context window. */
const CONTEXT_FIELDS = ['context_length', 'context_window', 'max_model_len', 'max_context_length'] as const;

/**
 * Reads `GET /models`: `{data: [{id, owned_by, ...}]}` (OpenAI and most servers), a bare array,
 * or `{models: [...]}`. The context window is taken where the server reports one (OpenRouter and
 * Together `context_length`, Groq `context_window`, vLLM `max_model_len`).
 */
export function convertOpenAIModels(json: unknown): ProviderModelInfo[] {
  const list = Array.isArray(json) ? json : isRecord(json) ? (json['data'] ?? json['models']) : undefined;
  if (!Array.isArray(list)) return [];
  const models: ProviderModelInfo[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const id = nonEmptyString(item['id']) ?? nonEmptyString(item['name']);
    if (id === undefined) continue;
    const topProvider = isRecord(item['top_provider']) ? item['top_provider'] : {};
    const contextWindow = [...CONTEXT_FIELDS.map((field) => item[field]), topProvider['context_length']]
      .map(finiteNumber)
      .find((value) => value !== undefined && value > 0);
    const ownedBy = nonEmptyString(item['owned_by']);
    models.push({ id, ...(contextWindow !== undefined ? { contextWindow } : {}), ...(ownedBy !== undefined ? { ownedBy } : {}) });
  }
  return models;
}
