import { ProviderError, type EmbeddingsResponse, type ProviderEmbeddingsResult, type ProviderWarning } from '@refract/core';
import { finiteNumber, isRecord, nonEmptyString } from '../shared';
import { isOpenAIErrorPayload, openAIInBandError } from './openai-error';

/**
 * Normalises an embeddings body from any OpenAI-compatible server: `object`/`index` filled in
 * when missing, extra fields kept. A body without usage gets zero usage and a warning, so
 * embeddings are never metered as free without anyone noticing.
 */
export function convertOpenAIEmbeddings(json: unknown, context: { provider: string; model: string }): ProviderEmbeddingsResult {
  if (!isRecord(json)) throw decode(context.provider, json);
  if (isOpenAIErrorPayload(json)) throw openAIInBandError(context.provider, json);
  const data = json['data'];
  if (!Array.isArray(data)) throw decode(context.provider, json);
  const warnings: ProviderWarning[] = [];
  const usage = isRecord(json['usage']) ? json['usage'] : undefined;
  const promptTokens = finiteNumber(usage?.['prompt_tokens']);
  if (promptTokens === undefined) {
    warnings.push({ type: 'other', message: 'the provider reported no embeddings usage; prompt_tokens is 0' });
  }
  const response: EmbeddingsResponse = {
    ...json,
    object: 'list',
    data: data.map((item, position) => {
      const record = isRecord(item) ? item : {};
      const embedding = record['embedding'];
      if (!Array.isArray(embedding) && typeof embedding !== 'string') throw decode(context.provider, item);
      return { ...record, object: 'embedding' as const, index: finiteNumber(record['index']) ?? position, embedding: embedding as number[] | string };
    }),
    model: nonEmptyString(json['model']) ?? context.model,
    usage: { ...usage, prompt_tokens: promptTokens ?? 0, total_tokens: finiteNumber(usage?.['total_tokens']) ?? promptTokens ?? 0 },
  };
  return { response, warnings };
}

function decode(provider: string, body: unknown): ProviderError {
  return new ProviderError({ provider, kind: 'decode', message: `not an embeddings response: ${JSON.stringify(body)?.slice(0, 200)}` });
}
