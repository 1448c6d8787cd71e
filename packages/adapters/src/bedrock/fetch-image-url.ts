import { request, type Dispatcher } from 'undici';
import { RefractError } from '@refract/core';
import { combineSignals, headerValue, messageOf } from '../shared';
import type { BedrockImageBlock } from './bedrock-api-types';
import { imageFormatOf, invalid, sniffImageFormat, unsupported } from './bedrock-images';

const MAX_REDIRECTS = 3;
const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

export interface ImageFetchPolicy {
  allow: boolean | ((url: URL) => boolean);
  dispatcher: Dispatcher;
  maxBytes: number;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Downloads an `http(s)` image for Bedrock, which takes bytes only. Refused with a clear error
 * unless the policy allows the URL (every redirect target is checked too); the body is capped at
 * `maxBytes` and must be PNG, JPEG, GIF or WebP by content type or, for a generic content type,
 * by its first bytes.
 */
export async function fetchImageUrl(rawUrl: string, parameter: string, policy: ImageFetchPolicy): Promise<BedrockImageBlock> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw invalid(parameter, `'${rawUrl.slice(0, 100)}' is neither a data: URL nor a valid http(s) URL`);
  }
  for (let redirects = 0; ; redirects += 1) {
    checkAllowed(url, parameter, policy);
    const timeout = AbortSignal.timeout(policy.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: 'GET',
        dispatcher: policy.dispatcher,
        headers: { accept: 'image/png,image/jpeg,image/gif,image/webp' },
        signal: combineSignals(policy.signal, timeout) ?? timeout,
      });
    } catch (error) {
      if (policy.signal?.aborted) throw error;
      throw invalid(parameter, `could not fetch image ${url.href}: ${messageOf(error)}`, { url: url.href });
    }
    const status = response.statusCode;
    const location = headerValue(response.headers, 'location');
    if (status >= 300 && status < 400 && location) {
      discard(response.body);
      if (redirects >= MAX_REDIRECTS) throw invalid(parameter, `image ${rawUrl} redirects more than ${MAX_REDIRECTS} times`, { url: rawUrl });
      url = new URL(location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      discard(response.body);
      throw invalid(parameter, `could not fetch image ${url.href}: HTTP ${status}`, { url: url.href, status });
    }
    return readImage(response, url, parameter, policy);
  }
}

function checkAllowed(url: URL, parameter: string, policy: ImageFetchPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw unsupported(parameter, `image URLs must be data: or http(s): URLs, got ${url.protocol}`);
  }
  const allowed = typeof policy.allow === 'function' ? policy.allow(url) : policy.allow;
  if (!allowed) {
    throw unsupported(
      parameter,
      `Bedrock accepts image bytes, not URLs, and fetching ${url.href} is not allowed: send the image as a data: URL, ` +
        'or enable the adapter option `fetchImageUrls`',
    );
  }
}

async function readImage(response: Dispatcher.ResponseData, url: URL, parameter: string, policy: ImageFetchPolicy): Promise<BedrockImageBlock> {
  const contentType = headerValue(response.headers, 'content-type')?.toLowerCase();
  const declared = Number(headerValue(response.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > policy.maxBytes) {
    discard(response.body);
    throw tooLarge(parameter, url, policy.maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > policy.maxBytes) {
        discard(response.body);
        throw tooLarge(parameter, url, policy.maxBytes);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (policy.signal?.aborted || error instanceof RefractError) throw error;
    throw invalid(parameter, `could not read image ${url.href}: ${messageOf(error)}`, { url: url.href });
  }
  const bytes = Buffer.concat(chunks);
  const sniffed = sniffImageFormat(bytes);
  const generic = contentType === undefined || /^(?:application\/octet-stream|binary\/octet-stream)\b/.test(contentType);
  const format = generic ? sniffed : (imageFormatOf(contentType) ?? undefined);
  if (format === undefined) {
    throw invalid(
      parameter,
      `${url.href} is not an image Bedrock accepts (png, jpeg, gif, webp): content-type ${contentType ?? 'missing'}`,
      { url: url.href, contentType },
    );
  }
  // The bytes decide when they disagree with the header: Bedrock rejects a mislabelled image.
  return { format: sniffed ?? format, source: { bytes: bytes.toString('base64') } };
}

/** Closes a body we will not read; undici reports an unread destroyed body as an error, which nobody awaits. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function tooLarge(parameter: string, url: URL, maxBytes: number): Error {
  return invalid(parameter, `image ${url.href} is larger than ${maxBytes} bytes`, { url: url.href, maxBytes });
}
