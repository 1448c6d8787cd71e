import { ProviderError, StreamAccumulator, type ChatCompletion, type ProviderWarning } from '@refract/core';
import { generateId, unixSeconds } from '../shared';
import type { GeminiResponse } from './gemini-api-types';
import { GeminiStreamTranslator } from './gemini-stream-translator';
import { signatureExtraContent } from './thought-signature';

export interface ResponseConversion {
  response: ChatCompletion;
  warnings: ProviderWarning[];
}

/**
 * Converts a `generateContent` response to a chat completion. It runs the same translator as
 * streams (so a response and its streamed twin agree by construction) and folds the parts with
 * `StreamAccumulator`; a thought signature on a text part is kept as the message's
 * `extra_content.google.thought_signature`.
 *
 * @example
 * const { response, warnings } = convertGeminiResponse(json, { provider: 'gemini', model: 'gemini-2.5-flash' });
 */
export function convertGeminiResponse(body: GeminiResponse, context: { provider: string; model: string }): ResponseConversion {
  const translator = new GeminiStreamTranslator({ provider: context.provider, warnings: [] });
  const accumulator = new StreamAccumulator();
  const signatures = new Map<number, string>();
  let parts;
  try {
    parts = [...translator.translate(body), ...translator.end()];
  } catch (error) {
    throw new ProviderError({ provider: context.provider, kind: 'decode', message: `unreadable response: ${String(error)}`, cause: error });
  }
  for (const part of parts) {
    if (part.type === 'error') throw part.error;
    if (part.type === 'reasoning-delta' && part.signature) signatures.set(part.choiceIndex ?? 0, part.signature);
    accumulator.add(part);
  }
  const response = accumulator.toCompletion({ id: generateId(), model: context.model, created: unixSeconds() });
  for (const choice of response.choices) {
    const signature = signatures.get(choice.index);
    if (signature) choice.message['extra_content'] = signatureExtraContent(signature);
  }
  const warnings = [...accumulator.warnings];
  if ((body.candidates ?? []).length === 0 && !body.promptFeedback?.blockReason) {
    warnings.push({ type: 'other', message: 'Gemini returned no candidates' });
  }
  return { response, warnings };
}
