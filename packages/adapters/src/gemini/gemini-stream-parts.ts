import type { ProviderWarning, StreamPart } from '@refract/core';
import { decodeError, readSseEvents } from '../shared';
import type { GeminiResponse } from './gemini-api-types';
import { GeminiStreamTranslator } from './gemini-stream-translator';
import { PartialArgsOrderError } from './partial-args-writer';

/**
 * Decodes the SSE body of `streamGenerateContent?alt=sse` into `StreamPart`s. A `data:` payload
 * that is not a JSON object, or function-call arguments that cannot be streamed as valid JSON,
 * end the stream with a `decode` error part. Use inside `guardStream`, which enforces the rest
 * of the stream contract.
 */
export async function* geminiStreamParts(body: AsyncIterable<Uint8Array>, provider: string, warnings: ProviderWarning[]): AsyncGenerator<StreamPart> {
  const translator = new GeminiStreamTranslator({ provider, warnings });
  for await (const event of readSseEvents(body)) {
    const data = event.data.trim();
    if (data === '' || data === '[DONE]') continue;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (error) {
      yield* translator.begin();
      yield decodeError(provider, 'stream event', data, error);
      return;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      yield* translator.begin();
      yield decodeError(provider, 'stream event (not a JSON object)', data);
      return;
    }
    yield* translator.begin(json as GeminiResponse);
    let parts: StreamPart[];
    try {
      parts = translator.translate(json as GeminiResponse);
    } catch (error) {
      if (!(error instanceof PartialArgsOrderError)) throw error;
      yield decodeError(provider, `function call arguments (${error.message})`, data, error);
      return;
    }
    yield* parts;
  }
  yield* translator.begin();
  yield* translator.end();
}
