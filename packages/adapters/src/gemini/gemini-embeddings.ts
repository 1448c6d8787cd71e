import {
  ProviderError,
  RefractError,
  type EmbeddingsRequest,
  type ProviderCallOptions,
  type ProviderEmbeddingsResult,
  type ProviderWarning,
} from '@refract/core';
import { modelPath, type GeminiClient } from './gemini-client';

const HANDLED_FIELDS = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);

/**
 * Embeds text with `models/{model}:batchEmbedContents` and answers in the OpenAI embeddings shape.
 * `dimensions` → `outputDimensionality`; `encoding_format: 'base64'` is produced locally (float32
 * little-endian, as OpenAI encodes it). Token-array input is refused: Gemini embeds text only.
 * Usage: `usageMetadata.promptTokenCount` when the API reports it; the batch endpoint of the
 * Gemini API usually reports none, and then usage is 0 with a warning.
 */
export async function embedWithGemini(client: GeminiClient, request: EmbeddingsRequest, options: ProviderCallOptions): Promise<ProviderEmbeddingsResult> {
  const inputs = textInputs(request.input);
  const warnings: ProviderWarning[] = [];
  for (const field of Object.keys(request)) {
    if (!HANDLED_FIELDS.has(field) && request[field] !== undefined) {
      warnings.push({ type: 'unsupported-parameter', parameter: field, message: `${field} is not supported by Gemini embeddings and was not sent` });
    }
  }
  const model = modelPath(request.model);
  const body = {
    requests: inputs.map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(request.dimensions !== undefined ? { outputDimensionality: request.dimensions } : {}),
    })),
  };
  const json = (await client.postJson(client.modelUrl(request.model, 'batchEmbedContents'), body, options)) as {
    embeddings?: { values?: unknown }[];
    usageMetadata?: { promptTokenCount?: unknown };
  };
  const embeddings = json.embeddings ?? [];
  if (embeddings.length !== inputs.length || !embeddings.every((embedding) => isNumberArray(embedding.values))) {
    throw new ProviderError({
      provider: client.provider,
      kind: 'decode',
      message: `batchEmbedContents returned ${embeddings.length} embeddings for ${inputs.length} inputs, or values that are not numbers`,
    });
  }
  const promptTokens = typeof json.usageMetadata?.promptTokenCount === 'number' ? json.usageMetadata.promptTokenCount : undefined;
  if (promptTokens === undefined) {
    warnings.push({ type: 'other', parameter: 'usage', message: 'Gemini reported no token usage for these embeddings; usage is 0' });
  }
  return {
    response: {
      object: 'list',
      model: request.model,
      data: embeddings.map((embedding, index) => ({
        object: 'embedding' as const,
        index,
        embedding: request.encoding_format === 'base64' ? toBase64(embedding.values as number[]) : (embedding.values as number[]),
      })),
      usage: { prompt_tokens: promptTokens ?? 0, total_tokens: promptTokens ?? 0 },
    },
    warnings,
  };
}

function textInputs(input: EmbeddingsRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw new RefractError('REFRACT_ERR_UNSUPPORTED', 'Gemini embeds text only; token-array input is not supported', { param: 'input', status: 400 });
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

/** float32 little-endian, as OpenAI encodes `encoding_format: 'base64'`. */
function toBase64(values: number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
