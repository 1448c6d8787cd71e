import { Buffer } from 'node:buffer';
import { RefractError, RefractValidationError } from '@refract/core';
import type { AnthropicDocumentBlockParam, AnthropicImageBlockParam } from './anthropic-api-types';

const IMAGE_MEDIA_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const MEDIA_TYPE_ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

interface DataUrl {
  mediaType: string;
  base64: string;
}

/**
 * Parses `data:<media type>[;base64],<data>`. Percent-encoded (non-base64) data is re-encoded as
 * base64, which is what Anthropic accepts.
 */
export function parseDataUrl(url: string, path: string): DataUrl {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (!match) throw invalid(path, 'is not a valid data URL (expected data:<media type>;base64,<data>)');
  const rawType = (match[1] ?? '').trim().toLowerCase();
  const mediaType = MEDIA_TYPE_ALIASES[rawType] ?? rawType;
  const isBase64 = (match[2] ?? '').split(';').some((parameter) => parameter.trim().toLowerCase() === 'base64');
  const payload = match[3] ?? '';
  if (mediaType === '') throw invalid(path, 'is a data URL without a media type');
  if (isBase64) {
    const compact = payload.replace(/\s+/g, '');
    if (compact === '' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) throw invalid(path, 'is a data URL whose base64 payload is malformed');
    return { mediaType, base64: compact };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(payload);
  } catch {
    throw invalid(path, 'is a data URL whose percent-encoding is malformed');
  }
  return { mediaType, base64: Buffer.from(decoded, 'utf8').toString('base64') };
}

/**
 * An OpenAI `image_url` as an Anthropic block: data URLs become base64 sources (PDF data URLs a
 * document block), http(s) URLs become URL sources. Anything else is refused with a clear error
 * rather than dropped.
 */
export function imageUrlToBlock(url: string, path: string): AnthropicImageBlockParam | AnthropicDocumentBlockParam {
  if (url.startsWith('data:')) {
    const data = parseDataUrl(url, path);
    if (IMAGE_MEDIA_TYPES.has(data.mediaType)) {
      return { type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.base64 } };
    }
    if (data.mediaType === 'application/pdf') {
      return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: data.base64 } };
    }
    throw unsupported(path, `has media type ${data.mediaType}; Anthropic accepts image/jpeg, image/png, image/gif, image/webp and application/pdf`);
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw unsupported(path, `has an unsupported URL scheme (${url.slice(0, 20)}…); use a data: or http(s) URL`);
}

/** An OpenAI `file` part (`file.file_data` data URL) as an Anthropic document block. */
export function filePartToBlock(file: unknown, path: string): AnthropicDocumentBlockParam {
  const record = file && typeof file === 'object' ? (file as Record<string, unknown>) : {};
  const fileData = record['file_data'];
  const filename = typeof record['filename'] === 'string' ? record['filename'] : undefined;
  if (typeof fileData !== 'string') {
    throw unsupported(path, 'has no file_data; OpenAI file ids (file_id) cannot be sent to Anthropic');
  }
  const data = fileData.startsWith('data:') ? parseDataUrl(fileData, `${path}.file.file_data`) : { mediaType: 'application/pdf', base64: fileData };
  if (data.mediaType !== 'application/pdf') {
    throw unsupported(path, `has media type ${data.mediaType}; Anthropic documents must be application/pdf`);
  }
  return {
    type: 'document',
    source: { type: 'base64', media_type: 'application/pdf', data: data.base64 },
    ...(filename !== undefined ? { title: filename } : {}),
  };
}

function invalid(path: string, message: string): RefractValidationError {
  return new RefractValidationError('chat request', [{ path, message: `this ${message}`, code: 'custom' }]);
}

export function unsupported(path: string, message: string): RefractError {
  return new RefractError('REFRACT_ERR_UNSUPPORTED', `Anthropic cannot accept ${path}: it ${message}`, { param: path });
}
