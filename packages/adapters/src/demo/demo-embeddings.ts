import { createHash } from 'node:crypto';
import type { EmbeddingsRequest, EmbeddingsResponse } from '@refract/core';
import { roughTokens } from './demo-text';

/** Vector length when the request sets no `dimensions`. */
export const DEMO_EMBEDDING_DIMENSIONS = 256;

/**
 * Deterministic embeddings: each input is hashed (SHA-256, counter mode) into a unit vector, so the
 * same text always gets the same vector and different texts get different ones. `encoding_format:
 * 'base64'` (what the official OpenAI SDK asks for) returns little-endian float32, base64-encoded.
 */
export function demoEmbeddings(request: EmbeddingsRequest): EmbeddingsResponse {
  const inputs: unknown[] = Array.isArray(request.input) ? request.input : [request.input];
  const dimensions = Math.min(request.dimensions ?? DEMO_EMBEDDING_DIMENSIONS, 4096);
  let tokens = 0;
  const data = inputs.map((input, index) => {
    const text = typeof input === 'string' ? input : JSON.stringify(input);
    tokens += typeof input === 'string' ? roughTokens(input) : Array.isArray(input) ? input.length : 1;
    const vector = unitVector(text, dimensions);
    return { object: 'embedding' as const, index, embedding: request.encoding_format === 'base64' ? toBase64(vector) : Array.from(vector) };
  });
  return { object: 'list', model: request.model, data, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

function unitVector(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  let filled = 0;
  for (let block = 0; filled < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${block}\u0000${text}`).digest();
    for (let offset = 0; offset + 1 < digest.length && filled < dimensions; offset += 2) {
      vector[filled] = digest.readInt16LE(offset) / 32768;
      filled += 1;
    }
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (let index = 0; index < dimensions; index += 1) vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}

function toBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
