import { RefractValidationError } from '@refract/core';
import { DataUrlError, fetchImage, isDataUrl, parseDataUrl, type HttpClient } from '../shared';
import type { GeminiPart } from './gemini-api-types';
import { GEMINI_IMAGE_TYPES, mimeTypeFromExtension } from './gemini-media-types';
import { DEFAULT_IMAGE_MAX_BYTES, DEFAULT_IMAGE_TIMEOUT_MS, type GeminiImageUrlOptions } from './gemini-options';

export interface ImageResolverContext {
  provider: string;
  http: HttpClient;
  /** The adapter's base URL: Files API URIs on its host are sent as `fileData`. */
  baseURL: string;
  options: GeminiImageUrlOptions;
  signal?: AbortSignal | undefined;
}

/**
 * Turns an `image_url` into a Gemini part: a data URL → `inlineData`; a `gs://` or Files API URI →
 * `fileData`; any other http(s) URL → downloaded by the shared `fetchImage` (the adapter's
 * dispatcher, `imageUrls.allow` or public hosts only, redirects re-checked, size-capped, PNG,
 * JPEG, WebP, HEIC or HEIF) into `inlineData`, or refused when `imageUrls.mode` is `refuse`.
 * Never returns nothing: a URL it cannot use is a clear error naming `parameter`.
 */
export async function resolveImageUrl(url: string, parameter: string, context: ImageResolverContext): Promise<GeminiPart> {
  if (isDataUrl(url)) return { inlineData: inlineDataOf(url, parameter) };
  if (url.startsWith('gs://') || isFilesApiUri(url, context.baseURL)) {
    const mimeType = mimeTypeFromExtension(url);
    return { fileData: { fileUri: url, ...(mimeType ? { mimeType } : {}) } };
  }
  const image = await fetchImage(url, {
    provider: context.provider,
    http: context.http,
    path: parameter,
    signal: context.signal,
    fetchUrls: context.options.mode !== 'refuse',
    enableHint: "`imageUrls.mode: 'fetch'` (or send a gs:// or Files API URI)",
    allow: context.options.allow,
    maxBytes: context.options.maxBytes ?? DEFAULT_IMAGE_MAX_BYTES,
    timeoutMs: context.options.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS,
    acceptedTypes: GEMINI_IMAGE_TYPES,
  });
  return { inlineData: { mimeType: image.mediaType, data: image.base64 } };
}

/** A data URL as Gemini `inlineData`; a malformed one is a validation error naming `parameter`. */
export function inlineDataOf(url: string, parameter: string): { mimeType: string; data: string } {
  try {
    const { mediaType, base64 } = parseDataUrl(url);
    return { mimeType: mediaType, data: base64 };
  } catch (error) {
    if (!(error instanceof DataUrlError)) throw error;
    throw new RefractValidationError('chat request', [{ path: parameter, message: `this data URL ${error.message}`, code: 'custom' }]);
  }
}

function isFilesApiUri(url: string, baseURL: string): boolean {
  try {
    const parsed = new URL(url);
    const hosts = new Set(['generativelanguage.googleapis.com', new URL(baseURL).host]);
    return hosts.has(parsed.host) && /\/files\/[^/]+$/.test(parsed.pathname);
  } catch {
    return false;
  }
}
