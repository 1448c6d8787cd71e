import type { MessageContent } from '@refract/core';
import { convertContentParts, type ImageResolver } from './convert-content-parts';
import type { GeminiPart } from './gemini-api-types';

/**
 * Converts a tool result to a `functionResponse` part. Gemini wants an object: text that parses as
 * a JSON object is sent as that object; a JSON array as `{result: [...]}`; anything else as
 * `{result: "<the text>"}`, unchanged. Images in the result follow as `inlineData` parts of the
 * same turn.
 *
 * @example
 * await toFunctionResponse('weather', '{"temp":21}', 'messages.3.content', resolveImage);
 * // [{ functionResponse: { name: 'weather', response: { temp: 21 } } }]
 */
export async function toFunctionResponse(name: string, content: MessageContent, path: string, resolveImage: ImageResolver): Promise<GeminiPart[]> {
  const parts = await convertContentParts(content, path, resolveImage);
  const text = parts.map((part) => part.text ?? '').join('');
  const media = parts.filter((part) => part.text === undefined);
  return [{ functionResponse: { name, response: responseObject(text) } }, ...media];
}

function responseObject(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return { result: parsed };
      if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
    } catch {
      // not JSON: sent as text below
    }
  }
  return { result: text };
}
