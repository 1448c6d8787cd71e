import { ProviderError, RefractError, RefractValidationError } from '@refract/core';
import { headerValue, type HttpClient, type HttpResponse } from '../shared';
import type { GeminiPart } from './gemini-api-types';
import { DEFAULT_IMAGE_MAX_BYTES, DEFAULT_IMAGE_TIMEOUT_MS, type GeminiImageUrlOptions } from './gemini-options';
import { isPrivateHost } from './is-private-host';
import { GEMINI_IMAGE_TYPES, mimeTypeFromExtension, sniffImageType } from './sniff-image-type';

const MAX_REDIRECTS = 3;

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
 * `fileData`; any other http(s) URL → downloaded through the adapter's dispatcher (size-capped,
 * type-checked, redirects re-checked) into `inlineData`, or refused when `imageUrls.mode` is
 * `refuse`. Never returns nothing: a URL it cannot use is a clear error naming `parameter`.
 */
export async function resolveImageUrl(url: string, parameter: string, context: ImageResolverContext): Promise<GeminiPart> {
  if (url.startsWith('data:')) {
    const inline = parseDataUrl(url);
    if (!inline) throw invalid(parameter, 'is not a valid data URL (expected data:<type>;base64,<data>)');
    return { inlineData: inline };
  }
  if (url.startsWith('gs://') || isFilesApiUri(url, context.baseURL)) {
    const mimeType = mimeTypeFromExtension(url);
    return { fileData: { fileUri: url, ...(mimeType ? { mimeType } : {}) } };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(parameter, `is not a valid URL: ${url.slice(0, 100)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid(parameter, `uses the unsupported scheme ${parsed.protocol} (use a data URL, http(s), gs:// or a Files API URI)`);
  }
  if (context.options.mode === 'refuse') {
    throw new RefractError(
      'REFRACT_ERR_UNSUPPORTED',
      `${parameter}: this Gemini adapter does not fetch image URLs (imageUrls.mode is 'refuse'); send the image as a data URL, a gs:// URI or a Files API URI`,
      { param: parameter, status: 400 },
    );
  }
  return { inlineData: await downloadImage(parsed, parameter, context) };
}

/** Parses `data:<type>[;base64],<data>` into a MIME type and base64 data. */
export function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const meta = url.slice(5, comma).split(';');
  const payload = url.slice(comma + 1);
  const mimeType = meta[0]?.trim() || 'text/plain';
  const isBase64 = meta.slice(1).some((parameter) => parameter.trim().toLowerCase() === 'base64');
  if (isBase64) {
    const data = payload.replace(/\s+/g, '');
    return data !== '' && /^[A-Za-z0-9+/]*={0,2}$/.test(data) ? { mimeType, data } : undefined;
  }
  try {
    return { mimeType, data: Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64') };
  } catch {
    return undefined;
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

async function downloadImage(start: URL, parameter: string, context: ImageResolverContext): Promise<{ mimeType: string; data: string }> {
  const allow = context.options.allow ?? ((url: URL) => !isPrivateHost(url.hostname));
  const maxBytes = context.options.maxBytes ?? DEFAULT_IMAGE_MAX_BYTES;
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (!allow(url)) throw invalid(parameter, `refers to ${url.host}, which the adapter's image URL policy does not allow`);
    const response = await send(url, parameter, context);
    const location = headerValue(response.headers, 'location');
    if (response.status >= 300 && response.status < 400 && location) {
      discard(response);
      url = new URL(location, url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(parameter, `redirects to the unsupported scheme ${url.protocol}`);
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      discard(response);
      throw invalid(parameter, `could not be fetched: HTTP ${response.status} from ${url.href.slice(0, 200)}`);
    }
    const bytes = await readCapped(response, maxBytes, parameter, context);
    return { mimeType: imageType(response, bytes, parameter), data: Buffer.from(bytes).toString('base64') };
  }
  throw invalid(parameter, `could not be fetched: more than ${MAX_REDIRECTS} redirects`);
}

async function send(url: URL, parameter: string, context: ImageResolverContext): Promise<HttpResponse> {
  try {
    return await context.http.send({
      provider: context.provider,
      url: url.href,
      method: 'GET',
      headers: { accept: 'image/*' },
      signal: context.signal,
      timeoutMs: context.options.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'aborted') throw error;
    throw invalid(parameter, `could not be fetched from ${url.host}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

async function readCapped(response: HttpResponse, maxBytes: number, parameter: string, context: ImageResolverContext): Promise<Uint8Array> {
  const declared = Number(headerValue(response.headers, 'content-length'));
  const tooLarge = (): RefractValidationError => invalid(parameter, `is larger than the ${maxBytes}-byte limit for fetched images`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(response);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        discard(response);
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof RefractValidationError) throw error;
    if (context.signal?.aborted) throw new ProviderError({ provider: context.provider, kind: 'aborted', message: 'the call was aborted by the caller', cause: error });
    throw invalid(parameter, `could not be read: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return Buffer.concat(chunks);
}

function imageType(response: HttpResponse, bytes: Uint8Array, parameter: string): string {
  const declared = headerValue(response.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  const type = declared && declared !== 'application/octet-stream' && declared !== 'binary/octet-stream' ? declared : sniffImageType(bytes);
  if (type === 'image/jpg') return 'image/jpeg';
  if (type !== undefined && GEMINI_IMAGE_TYPES.has(type)) return type;
  throw invalid(parameter, `is of type ${type ?? 'unknown'}; Gemini accepts ${[...GEMINI_IMAGE_TYPES].join(', ')}`);
}

/** Drops a response body we will not read (an unread undici body emits an error when destroyed). */
function discard(response: HttpResponse): void {
  response.body.on('error', () => undefined);
  response.body.destroy();
}

function invalid(parameter: string, message: string, cause?: unknown): RefractValidationError {
  const error = new RefractValidationError('chat request', [{ path: parameter, message: `image ${message}`, code: 'custom' }]);
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause });
  return error;
}
