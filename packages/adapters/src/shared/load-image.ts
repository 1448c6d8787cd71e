import { ProviderError } from '@refract/core';
import { headerValue, toNetworkError, type HttpClient, type HttpResponse } from './http';
import { isPrivateAddress } from './private-address';

/** An image as raw base64 bytes with its media type, for providers that take no image URLs. */
export interface LoadedImage {
  mediaType: string;
  base64: string;
}

export interface LoadImageOptions {
  provider: string;
  /** The adapter's client: the image is fetched through the adapter's dispatcher, without its auth headers. */
  http: HttpClient;
  /** Where the image sits in the request, e.g. `messages.2.content.1`, for error messages. */
  path: string;
  /** When false, http(s) URLs are refused with a clear error instead of fetched. Default true. */
  fetchUrls?: boolean;
  /** Largest image accepted, in bytes. Default 20 MiB. */
  maxBytes?: number;
  /**
   * Fetch from localhost and private, link-local or CGNAT addresses too. Default false: image URLs
   * come from callers, and fetching them must not reach internal services (cloud metadata, admin
   * ports). Redirects are followed (at most 3) and each target is checked again.
   */
  allowPrivateHosts?: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

export const DEFAULT_MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * Turns an `image_url` into base64 bytes: `data:` URLs are decoded in place, http(s) URLs are
 * fetched (or refused when `fetchUrls` is false; private and local hosts are refused unless
 * `allowPrivateHosts`). An image is never silently dropped: every
 * failure is a `ProviderError` of kind `bad_request` naming the request path.
 *
 * @example
 * const { mediaType, base64 } = await loadImage(part.image_url.url, { provider: 'ollama', http, path: 'messages.1.content.0' });
 */
export async function loadImage(url: string, options: LoadImageOptions): Promise<LoadedImage> {
  if (url.startsWith('data:')) return decodeDataUrl(url, options);
  if (!/^https?:\/\//i.test(url)) {
    throw imageError(options, `unsupported image URL scheme at ${options.path}: ${url.slice(0, 40)} (use a data: or http(s) URL)`);
  }
  if (options.fetchUrls === false) {
    throw imageError(
      options,
      `${options.provider} takes no image URLs and fetching them is disabled: send the image at ${options.path} as a data: URL, or enable image fetching`,
    );
  }
  return fetchImage(url, options);
}

function decodeDataUrl(url: string, options: LoadImageOptions): LoadedImage {
  const comma = url.indexOf(',');
  if (comma < 0) throw imageError(options, `malformed data URL at ${options.path}`);
  const meta = url.slice('data:'.length, comma).split(';');
  const mediaType = meta[0] || 'application/octet-stream';
  const payload = url.slice(comma + 1);
  if (meta.includes('base64')) {
    const base64 = payload.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(base64)) throw imageError(options, `data URL at ${options.path} is not valid base64`);
    return { mediaType, base64 };
  }
  return { mediaType, base64: Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64') };
}

const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** GETs the image, following redirects itself so that every hop passes the host check. */
async function getFollowingRedirects(url: string, options: LoadImageOptions): Promise<{ response: HttpResponse; url: string }> {
  let target = url;
  for (let hop = 0; ; hop++) {
    checkHost(target, options);
    const response = await options.http.send({
      provider: options.provider,
      url: target,
      method: 'GET',
      headers: { accept: 'image/*' },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const location = headerValue(response.headers, 'location');
    if (!REDIRECT_STATUSES.has(response.status) || location === undefined) return { response, url: target };
    discard(response.body);
    if (hop >= MAX_REDIRECTS) throw imageError(options, `the image at ${options.path} (${url}) redirects more than ${MAX_REDIRECTS} times`);
    target = new URL(location, target).toString();
    if (!/^https?:\/\//i.test(target)) throw imageError(options, `the image at ${options.path} redirects to an unsupported URL`);
  }
}

function checkHost(url: string, options: LoadImageOptions): void {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    throw imageError(options, `the image URL at ${options.path} is not a valid URL`);
  }
  if (!options.allowPrivateHosts && isPrivateAddress(hostname)) {
    throw imageError(options, `the image URL at ${options.path} points to a private or local address (${hostname}); it is not fetched`);
  }
}

async function fetchImage(url: string, options: LoadImageOptions): Promise<LoadedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const { response } = await getFollowingRedirects(url, options);
  const mediaType = (headerValue(response.headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (response.status < 200 || response.status >= 300 || !mediaType.startsWith('image/')) {
    discard(response.body);
    const why = response.status >= 300 || response.status < 200 ? `HTTP ${response.status}` : `content-type ${mediaType || 'missing'}`;
    throw imageError(options, `could not fetch the image at ${options.path} (${url}): ${why}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).byteLength;
      if (size > maxBytes) {
        throw imageError(options, `the image at ${options.path} (${url}) is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw toNetworkError(options.provider, error, options.signal);
  }
  return { mediaType, base64: Buffer.concat(chunks).toString('base64') };
}

/** Drops a body we will not read; undici reports the abort as an 'error' event, which is expected here. */
function discard(body: HttpResponse['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function imageError(options: LoadImageOptions, message: string): ProviderError {
  return new ProviderError({ provider: options.provider, kind: 'bad_request', message });
}
