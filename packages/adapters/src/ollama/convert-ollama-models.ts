import type { ProviderModelInfo } from '@refract/core';
import { finiteNumber, isRecord, nonEmptyString } from '../shared';

/**
 * `GET /api/tags` → models. The context window is taken where it is reported (`context_length`
 * in `details` or on the entry, or a `model_info` `*.context_length` key); stock Ollama lists
 * none in `/api/tags`, so it is usually absent.
 */
export function convertOllamaModels(json: unknown): ProviderModelInfo[] {
  const list = isRecord(json) ? json['models'] : undefined;
  if (!Array.isArray(list)) return [];
  const models: ProviderModelInfo[] = [];
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    const id = nonEmptyString(entry['name']) ?? nonEmptyString(entry['model']);
    if (id === undefined) continue;
    const contextWindow = contextWindowOf(entry);
    models.push({ id, ...(contextWindow !== undefined ? { contextWindow } : {}) });
  }
  return models;
}

function contextWindowOf(entry: Record<string, unknown>): number | undefined {
  const details = isRecord(entry['details']) ? entry['details'] : {};
  const info = isRecord(entry['model_info']) ? entry['model_info'] : {};
  const fromInfo = Object.entries(info).find(([key]) => key.endsWith('.context_length'))?.[1];
  return [details['context_length'], entry['context_length'], fromInfo].map(finiteNumber).find((value) => value !== undefined && value > 0);
}
