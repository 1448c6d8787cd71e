import { imageError } from './image-error';
import { fetchImage, type ImageFetchOptions, type LoadedImage } from './fetch-image';
import { DataUrlError, isDataUrl, parseDataUrl } from './parse-data-url';
import { base64Head, sniffImageType } from './sniff-image-type';

/** Options of `loadImage`: the fetch policy of `fetchImage`, which also applies `acceptedTypes` to data URLs. */
export type LoadImageOptions = ImageFetchOptions;

/**
 * Turns an `image_url` into base64 bytes: a `data:` URL is decoded in place, an http(s) URL is
 * fetched under the adapter's policy (see `fetchImage`: refused when `fetchUrls` is false,
 * private and local hosts refused unless allowed, redirects re-checked, size-capped,
 * type-checked). The type of a data URL also comes from its bytes when they are recognisable, and
 * must be an image (and one of `acceptedTypes` when given). Every failure is a `bad_request`
 * `ProviderError` naming the request path: an image is never silently dropped.
 *
 * @example
 * const { mediaType, base64 } = await loadImage(part.image_url.url, { provider: 'ollama', http, path: 'messages.1.content.0' });
 */
export async function loadImage(url: string, options: LoadImageOptions): Promise<LoadedImage> {
  if (!isDataUrl(url)) return fetchImage(url, options);
  let data;
  try {
    data = parseDataUrl(url);
  } catch (error) {
    if (!(error instanceof DataUrlError)) throw error;
    throw imageError(options.provider, options.path, `the image at ${options.path} is not a valid data URL: it ${error.message}`, error);
  }
  const mediaType = sniffImageType(base64Head(data.base64)) ?? data.mediaType;
  if (!mediaType.startsWith('image/')) {
    throw imageError(options.provider, options.path, `the data URL at ${options.path} is not an image (media type ${mediaType})`);
  }
  if (options.acceptedTypes && !options.acceptedTypes.has(mediaType)) {
    throw imageError(
      options.provider,
      options.path,
      `the image at ${options.path} is of type ${mediaType}, which this provider does not accept (it takes ${[...options.acceptedTypes].join(', ')})`,
    );
  }
  return { mediaType, base64: data.base64 };
}
