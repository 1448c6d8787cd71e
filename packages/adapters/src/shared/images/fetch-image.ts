import { ProviderError } from '@refract/core';
import { headerValue, messageOf, toNetworkError, type HttpClient, type HttpResponse } from '../http';
import { imageError } from './image-error';
import { normalizeMediaType } from './parse-data-url';
import { isPrivateAddress } from './private-address';
import { sniffImageType } from './sniff-image-type';

/** An image as base64 bytes with its media type, for providers that take no image URLs. */
export interface LoadedImage {
  mediaType: string;
  base64: string;
}

/** How an adapter fetches the http(s) image URLs of a request (one policy, every adapter). */
export interface ImageFetchOptions {
  provider: string;
  /** The adapter's client: the image is fetched through the adapter's dispatcher, without its auth headers. */
  http: HttpClient;
  /** Where the image sits in the request, e.g. `messages.2.content.1`: named in every error and sent as its `param`. */
  path: string;
  signal?: AbortSignal | undefined;
  /** When false, http(s) URLs are refused with a clear error instead of fetched. Default true. */
  fetchUrls?: boolean | undefined;
  /** How a user turns fetching on, named in that refusal, e.g. "the adapter option `fetchImageUrls`". */
  enableHint?: string | undefined;
  /**
   * Decides whether a URL may be fetched; checked for the URL and again for every redirect target.
   * Default: public hosts only (see `isPrivateAddress`), because image URLs come from callers and
   * fetching them must not reach internal services (cloud metadata, admin ports).
   */
  allow?: ((url: URL) => boolean) | undefined;
  /** Shorthand for `allow: () => true`. */
  allowPrivateHosts?: boolean | undefined;
  /** Largest image accepted, in bytes (declared `content-length` or bytes read). Default 20 MiB. */
  maxBytes?: number | undefined;
  /** Time allowed for one download, redirects included per hop (ms). Default 30 000. */
  timeoutMs?: number | undefined;
  /** The image types the provider takes (after sniffing). Default: any `image/*`. */
  acceptedTypes?: ReadonlySet<string> | undefined;
}

export const DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_IMAGE_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const GENERIC_TYPES: ReadonlySet<string> = new Set(['application/octet-stream', 'binary/octet-stream']);

/**
 * Downloads an http(s) image for a provider that takes bytes only. Every hop (redirects are
 * followed here, at most 3) must pass `allow`; the body is capped at `maxBytes`; the type comes
 * from the bytes when they are recognisable, else from `content-type`, and must be an image the
 * provider accepts. Every failure is a `bad_request` `ProviderError` naming `path` (the caller's
 * abort stays `aborted`): an image is never silently dropped.
 *
 * @example
 * const { mediaType, base64 } = await fetchImage('https://example.com/cat.png', { provider: 'bedrock', http, path: 'messages.0.content.1' });
 */
export async function fetchImage(url: string, options: ImageFetchOptions): Promise<LoadedImage> {
  let target = parseHttpUrl(url, options);
  if (options.fetchUrls === false) {
    throw imageError(
      options.provider,
      options.path,
      `the image at ${options.path} is a URL, and this adapter does not fetch image URLs: send it as a data: URL${options.enableHint ? `, or enable ${options.enableHint}` : ''}`,
    );
  }
  for (let hop = 0; ; hop += 1) {
    checkAllowed(target, options);
    const response = await get(target, options);
    const location = headerValue(response.headers, 'location');
    if (REDIRECT_STATUSES.has(response.status) && location !== undefined) {
      discard(response);
      if (hop >= MAX_REDIRECTS) throw failure(options, url, `it redirects more than ${MAX_REDIRECTS} times`);
      target = new URL(location, target);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw failure(options, url, `it redirects to an unsupported ${target.protocol} URL`);
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      discard(response);
      throw failure(options, target.href, `HTTP ${response.status}`);
    }
    const bytes = await readCapped(response, target.href, options);
    return { mediaType: imageType(response, bytes, target.href, options), base64: bytes.toString('base64') };
  }
}

/**
 * The default allow policy: public hosts only (no DNS resolution, see `isPrivateAddress`).
 *
 * @example
 * isPublicImageUrl(new URL('http://169.254.169.254/latest/meta-data/')); // false
 */
export function isPublicImageUrl(url: URL): boolean {
  return !isPrivateAddress(url.hostname);
}

function parseHttpUrl(url: string, options: ImageFetchOptions): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw imageError(options.provider, options.path, `the image URL at ${options.path} is neither a data: URL nor a valid http(s) URL: ${url.slice(0, 100)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw imageError(options.provider, options.path, `the image URL at ${options.path} must be a data: or http(s) URL, not ${parsed.protocol}`);
  }
  return parsed;
}

function checkAllowed(url: URL, options: ImageFetchOptions): void {
  if (options.allow) {
    if (!options.allow(url)) {
      throw imageError(options.provider, options.path, `the image URL at ${options.path} (${url.href.slice(0, 200)}) is not allowed by the adapter's image URL policy; it is not fetched`);
    }
    return;
  }
  if (!options.allowPrivateHosts && !isPublicImageUrl(url)) {
    throw imageError(options.provider, options.path, `the image URL at ${options.path} points to a private or local address (${url.hostname}); it is not fetched`);
  }
}

async function get(url: URL, options: ImageFetchOptions): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS;
  try {
    return await options.http.send({
      provider: options.provider,
      url: url.href,
      method: 'GET',
      headers: { accept: 'image/*' },
      signal: options.signal,
      timeoutMs,
    });
  } catch (error) {
    throw fetchFailure(error, url.href, timeoutMs, options);
  }
}

async function readCapped(response: HttpResponse, url: string, options: ImageFetchOptions): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const tooLarge = (): ProviderError => failure(options, url, `it is larger than ${maxBytes} bytes`);
  const declared = Number(headerValue(response.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    discard(response);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        discard(response);
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw fetchFailure(error, url, options.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS, options);
  }
  return Buffer.concat(chunks);
}

/** The bytes decide when they are recognisable (a provider rejects a mislabelled image), else the header. */
function imageType(response: HttpResponse, bytes: Uint8Array, url: string, options: ImageFetchOptions): string {
  const declared = normalizeMediaType(headerValue(response.headers, 'content-type'));
  const type = sniffImageType(bytes) ?? (declared === undefined || GENERIC_TYPES.has(declared) ? undefined : declared);
  if (type === undefined || !type.startsWith('image/')) {
    throw failure(options, url, `it is not an image (content-type ${declared ?? 'missing'})`);
  }
  if (options.acceptedTypes && !options.acceptedTypes.has(type)) {
    throw failure(options, url, `it is of type ${type}, which this provider does not accept (it takes ${[...options.acceptedTypes].join(', ')})`);
  }
  return type;
}

/** A failed request or read: the caller's abort stays `aborted`; a timeout or network failure is the image's fault. */
function fetchFailure(error: unknown, url: string, timeoutMs: number, options: ImageFetchOptions): ProviderError {
  const classified = toNetworkError(options.provider, error, options.signal);
  if (classified.kind === 'aborted') return classified;
  if (classified.kind === 'timeout') return failure(options, url, `no answer within ${timeoutMs} ms`, error);
  return failure(options, url, messageOf(classified.cause ?? error), error);
}

function failure(options: ImageFetchOptions, url: string, why: string, cause?: unknown): ProviderError {
  return imageError(options.provider, options.path, `could not fetch the image at ${options.path} (${url.slice(0, 200)}): ${why}`, cause);
}

/** Drops a body we will not read; undici reports the abort as an 'error' event, which is expected here. */
function discard(response: HttpResponse): void {
  response.body.on('error', () => undefined);
  response.body.destroy();
}
