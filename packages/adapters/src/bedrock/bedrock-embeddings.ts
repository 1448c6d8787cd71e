import { ProviderError, type EmbeddingsRequest, type EmbeddingsResponse, type ProviderEmbeddingsResult, type ProviderWarning } from '@refract/core';
import type { BedrockEmbeddingOptions } from './bedrock-options';
import { unsupported } from './bedrock-images';

/** One InvokeModel call: the parsed JSON body and the input-token count Bedrock reports in a header. */
export type InvokeModel = (modelId: string, body: Record<string, unknown>) => Promise<{ json: unknown; inputTokens: number | undefined }>;

/** Cohere takes at most this many texts per call. */
export const COHERE_BATCH_SIZE = 96;

type Family = 'titan-v1' | 'titan-v2' | 'titan-multimodal' | 'cohere-v3' | 'cohere-v4';

/**
 * Embeddings on Bedrock through InvokeModel, mapped to the OpenAI embeddings response:
 * - Titan text (`amazon.titan-embed-text-v2:0`, `-v1`, `titan-embed-g1-text-02`) and Titan
 *   multimodal (text input): one input per call, run `titanConcurrency` at a time;
 *   `inputTextTokenCount` → usage; `dimensions` → `dimensions` (v2) / `outputEmbeddingLength`.
 * - Cohere (`cohere.embed-*`): `texts` in batches of 96 with `input_type` (request field
 *   `input_type`, else the adapter option, else `search_document`); usage from the
 *   `x-amzn-bedrock-input-token-count` header; `dimensions` → `output_dimension` (v4 only).
 * `encoding_format: 'base64'` is produced locally (float32 little-endian, as OpenAI does).
 */
export async function bedrockEmbed(
  request: EmbeddingsRequest,
  invoke: InvokeModel,
  options: BedrockEmbeddingOptions,
  provider: string,
): Promise<ProviderEmbeddingsResult> {
  const family = familyOf(request.model);
  const inputs = textInputs(request);
  const warnings: ProviderWarning[] = [];
  if (request.user) warnings.push({ type: 'unsupported-parameter', parameter: 'user', message: 'Bedrock embeddings have no user field; it was not sent.' });
  const result = family.startsWith('cohere')
    ? await cohere(request, inputs, family, invoke, options, warnings)
    : await titan(request, inputs, family, invoke, options, warnings);
  if (result.vectors.length !== inputs.length || result.vectors.some((vector) => !Array.isArray(vector))) {
    throw new ProviderError({ provider, kind: 'decode', message: `expected ${inputs.length} embeddings from ${request.model}, got ${result.vectors.length}` });
  }
  const response: EmbeddingsResponse = {
    object: 'list',
    data: result.vectors.map((vector, index) => ({
      object: 'embedding' as const,
      index,
      embedding: request.encoding_format === 'base64' ? toBase64(vector) : vector,
    })),
    model: request.model,
    usage: { prompt_tokens: result.tokens, total_tokens: result.tokens },
  };
  if (!result.counted) warnings.push({ type: 'other', message: 'Bedrock reported no token count for this embeddings call; usage is 0.' });
  return { response, warnings };
}

interface Vectors {
  vectors: number[][];
  tokens: number;
  counted: boolean;
}

async function titan(
  request: EmbeddingsRequest,
  inputs: string[],
  family: Family,
  invoke: InvokeModel,
  options: BedrockEmbeddingOptions,
  warnings: ProviderWarning[],
): Promise<Vectors> {
  const body = (inputText: string): Record<string, unknown> => {
    if (family === 'titan-v2') {
      return { inputText, normalize: options.titanNormalize ?? true, ...(request.dimensions ? { dimensions: request.dimensions } : {}) };
    }
    if (family === 'titan-multimodal') {
      return { inputText, ...(request.dimensions ? { embeddingConfig: { outputEmbeddingLength: request.dimensions } } : {}) };
    }
    return { inputText };
  };
  if (family === 'titan-v1' && request.dimensions) {
    warnings.push({ type: 'unsupported-parameter', parameter: 'dimensions', message: `${request.model} has a fixed output size; dimensions was not sent.` });
  }
  const vectors: number[][] = new Array<number[]>(inputs.length);
  let tokens = 0;
  let counted = true;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      const { json, inputTokens } = await invoke(request.model, body(inputs[index] as string));
      const record = (json ?? {}) as { embedding?: number[]; inputTextTokenCount?: number };
      vectors[index] = record.embedding as number[];
      const count = typeof record.inputTextTokenCount === 'number' ? record.inputTextTokenCount : inputTokens;
      if (count === undefined) counted = false;
      else tokens += count;
    }
  };
  const concurrency = Math.max(1, Math.min(options.titanConcurrency ?? 4, inputs.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { vectors, tokens, counted };
}

async function cohere(
  request: EmbeddingsRequest,
  inputs: string[],
  family: Family,
  invoke: InvokeModel,
  options: BedrockEmbeddingOptions,
  warnings: ProviderWarning[],
): Promise<Vectors> {
  const requested = (request as Record<string, unknown>)['input_type'];
  const inputType = typeof requested === 'string' ? requested : (options.cohereInputType ?? 'search_document');
  if (request.dimensions && family === 'cohere-v3') {
    warnings.push({ type: 'unsupported-parameter', parameter: 'dimensions', message: `${request.model} has a fixed output size; dimensions was not sent.` });
  }
  const vectors: number[][] = [];
  let tokens = 0;
  let counted = true;
  for (let start = 0; start < inputs.length; start += COHERE_BATCH_SIZE) {
    const texts = inputs.slice(start, start + COHERE_BATCH_SIZE);
    const body: Record<string, unknown> = { texts, input_type: inputType };
    if (options.cohereTruncate) body['truncate'] = options.cohereTruncate;
    if (family === 'cohere-v4') {
      body['embedding_types'] = ['float'];
      if (request.dimensions) body['output_dimension'] = request.dimensions;
    }
    const { json, inputTokens } = await invoke(request.model, body);
    const embeddings = (json as { embeddings?: unknown } | undefined)?.embeddings;
    const batch = Array.isArray(embeddings) ? embeddings : (embeddings as { float?: unknown } | undefined)?.float;
    vectors.push(...(Array.isArray(batch) ? (batch as number[][]) : []));
    if (inputTokens === undefined) counted = false;
    else tokens += inputTokens;
  }
  return { vectors, tokens, counted };
}

function familyOf(model: string): Family {
  if (/cohere\.embed-v4/i.test(model)) return 'cohere-v4';
  if (/cohere\.embed/i.test(model)) return 'cohere-v3';
  if (/titan-embed-text-v2/i.test(model)) return 'titan-v2';
  if (/titan-embed-image/i.test(model)) return 'titan-multimodal';
  if (/titan-embed/i.test(model)) return 'titan-v1';
  throw unsupported('model', `embeddings with ${model} are not supported: the Bedrock adapter embeds with Amazon Titan and Cohere embed models`);
}

function textInputs(request: EmbeddingsRequest): string[] {
  if (typeof request.input === 'string') return [request.input];
  if (request.input.every((item): item is string => typeof item === 'string')) return request.input;
  throw unsupported('input', 'Bedrock embedding models take text; token-id arrays are not supported');
}

function toBase64(vector: number[]): string {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}
