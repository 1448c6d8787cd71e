import { RefractError, RefractValidationError, type MessageContent } from '@refract/core';
import type { GeminiPart } from './gemini-api-types';
import { DataUrlError, parseDataUrl } from '../shared';

/** Turns an image URL into a part (see `resolveImageUrl`); `parameter` names the message part. */
export type ImageResolver = (url: string, parameter: string) => Promise<GeminiPart>;

/**
 * Converts message content to Gemini parts: text → `text` (empty text is skipped: Gemini rejects
 * it), `image_url` → `inlineData`/`fileData`, `input_audio` → `inlineData`, `file` with
 * `file_data` → `inlineData`. Any other part type is refused with an error naming it: nothing is
 * silently dropped.
 */
export async function convertContentParts(content: MessageContent, path: string, resolveImage: ImageResolver): Promise<GeminiPart[]> {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  const parts = await Promise.all(content.map((part, index) => convertPart(part as Record<string, unknown>, `${path}.${index}`, resolveImage)));
  return parts.filter((part): part is GeminiPart => part !== undefined);
}

/** The text of content that may only hold text (system messages, tool results); other parts are refused. */
export function textOnly(content: MessageContent, path: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, index) => {
      if (part.type === 'text' && typeof part['text'] === 'string') return part['text'];
      throw unsupported(`${path}.${index}`, `a ${String(part.type)} part is not supported here; only text is`);
    })
    .join('\n');
}

async function convertPart(part: Record<string, unknown>, path: string, resolveImage: ImageResolver): Promise<GeminiPart | undefined> {
  switch (part['type']) {
    case 'text': {
      const text = part['text'];
      return typeof text === 'string' && text !== '' ? { text } : undefined;
    }
    case 'image_url': {
      const image = part['image_url'] as { url: string; detail?: string };
      return resolveImage(image.url, path);
    }
    case 'input_audio':
      return convertAudio(part['input_audio'], path);
    case 'file':
      return convertFile(part['file'], path);
    default:
      throw unsupported(path, `content parts of type ${JSON.stringify(part['type'])} are not supported by the Gemini adapter`);
  }
}

function convertAudio(value: unknown, path: string): GeminiPart {
  const audio = (value ?? {}) as { data?: unknown; format?: unknown };
  if (typeof audio.data !== 'string' || typeof audio.format !== 'string') throw invalid(path, 'input_audio needs data (base64) and format');
  const mimeType = audio.format === 'mp3' ? 'audio/mp3' : `audio/${audio.format}`;
  return { inlineData: { mimeType, data: audio.data } };
}

function convertFile(value: unknown, path: string): GeminiPart {
  const file = (value ?? {}) as { file_data?: unknown; file_id?: unknown };
  if (typeof file.file_data === 'string') {
    try {
      const { mediaType, base64 } = parseDataUrl(file.file_data.startsWith('data:') ? file.file_data : `data:application/pdf;base64,${file.file_data}`);
      return { inlineData: { mimeType: mediaType, data: base64 } };
    } catch (error) {
      if (error instanceof DataUrlError) throw invalid(path, `file.file_data is not valid base64 or a data URL: it ${error.message}`);
      throw error;
    }
  }
  if (typeof file.file_id === 'string' && /^(gs|https):\/\//.test(file.file_id)) return { fileData: { fileUri: file.file_id } };
  throw unsupported(path, 'file parts need file_data, or a file_id that is a gs:// or Files API URI');
}

function invalid(path: string, message: string): RefractValidationError {
  return new RefractValidationError('chat request', [{ path, message, code: 'custom' }]);
}

function unsupported(path: string, message: string): RefractError {
  return new RefractError('REFRACT_ERR_UNSUPPORTED', `${path}: ${message}`, { param: path, status: 400 });
}
