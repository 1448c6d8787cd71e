import { ProviderError, type EmbeddingsRequest, type EmbeddingsResponse, type ProviderWarning } from '@refract/core';
import { finiteNumber, isRecord, nonEmptyString } from '../shared';

/** Ollama's own `/api/embed` fields, passed through when a caller sends them. */
const NATIVE: ReadonlySet<string> = new Set(['truncate', 'keep_alive', 'options']);

/**
 * Canonical embeddings request → Ollama `/api/embed` body. Ollama embeds text only: token-id
 * inputs are refused with a clear error rather than sent. `encoding_format` is honoured by the
 * response conversion; other unknown parameters are not sent and produce a warning.
 */
export function toOllamaEmbedBody(request: EmbeddingsRequest, provider: string): { body: Record<string, unknown>; warnings: ProviderWarning[] } {
  const input = request.input;
  if (Array.isArray(input) && input.some((item) => typeof item !== 'string')) {
    throw new ProviderError({ provider, kind: 'bad_request', message: 'Ollama /api/embed takes text input, not token ids' });
  }
  const warnings: ProviderWarning[] = [];
  const body: Record<string, unknown> = { model: request.model, input };
  if (request.dimensions !== undefined) body['dimensions'] = request.dimensions;
  for (const [key, value] of Object.entries(request)) {
    if (['model', 'input', 'dimensions', 'encoding_format'].includes(key) || value === undefined) continue;
    if (NATIVE.has(key)) body[key] = value;
    else warnings.push({ type: 'unsupported-parameter', parameter: key, message: `${key}: not an Ollama /api/embed parameter; it was not sent` });
  }
  return { body, warnings };
}

/**
 * Ollama `{model, embeddings: number[][], prompt_eval_count}` → the OpenAI embeddings shape. With
 * `encoding_format: 'base64'` the vectors are encoded as OpenAI does (little-endian float32).
 */
export function convertOllamaEmbeddings(json: unknown, context: { provider: string; request: EmbeddingsRequest }): EmbeddingsResponse {
  const embeddings = isRecord(json) ? json['embeddings'] : undefined;
  if (!isRecord(json) || !Array.isArray(embeddings) || !embeddings.every(Array.isArray)) {
    throw new ProviderError({ provider: context.provider, kind: 'decode', message: `not an Ollama embed response: ${JSON.stringify(json)?.slice(0, 200)}` });
  }
  const base64 = context.request.encoding_format === 'base64';
  const tokens = finiteNumber(json['prompt_eval_count']) ?? 0;
  return {
    object: 'list',
    data: (embeddings as number[][]).map((vector, index) => ({ object: 'embedding', index, embedding: base64 ? float32Base64(vector) : vector })),
    model: nonEmptyString(json['model']) ?? context.request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

function float32Base64(vector: number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}
