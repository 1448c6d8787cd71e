import { RefractError, RefractValidationError } from '@refract/core';
import { DataUrlError, base64Head, isDataUrl, parseDataUrl, sniffImageType, type DataUrl } from '../shared';
import type { AnthropicDocumentBlockParam, AnthropicImageBlockParam } from './anthropic-api-types';

const IMAGE_MEDIA_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Decodes a data URL (see the shared `parseDataUrl`: media type normalised, percent-encoded data
 * re-encoded as base64, which is what Anthropic accepts); a malformed one is a validation error
 * naming `path`.
 */
function decodeDataUrl(url: string, path: string): DataUrl {
  try {
    return parseDataUrl(url);
  } catch (error) {
    if (error instanceof DataUrlError) throw invalid(path, `data URL ${error.message}`);
    throw error;
  }
}

/**
 * An OpenAI `image_url` as an Anthropic block: data URLs become base64 sources (their type read
 * from the bytes when recognisable; PDF data URLs a document block), http(s) URLs become URL sources. Anything else is refused with a clear error
 * rather than dropped.
 */
export function imageUrlToBlock(url: string, path: string): AnthropicImageBlockParam | AnthropicDocumentBlockParam {
  if (isDataUrl(url)) {
    const data = decodeDataUrl(url, path);
    // Anthropic rejects an image whose bytes are not of the declared type: the bytes decide when recognisable.
    const mediaType = sniffImageType(base64Head(data.base64)) ?? data.mediaType;
    if (IMAGE_MEDIA_TYPES.has(mediaType)) {
      return { type: 'image', source: { type: 'base64', media_type: mediaType, data: data.base64 } };
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
  const data = isDataUrl(fileData) ? decodeDataUrl(fileData, `${path}.file.file_data`) : { mediaType: 'application/pdf', base64: fileData };
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
