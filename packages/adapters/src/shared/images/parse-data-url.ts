/** A decoded `data:` URL: its media type and its content as standard base64. */
export interface DataUrl {
  /** Lower-cased, parameters dropped, `image/jpg` and `image/pjpeg` read as `image/jpeg`; `text/plain` when absent (RFC 2397). */
  mediaType: string;
  base64: string;
}

/** A `data:` URL that cannot be decoded; the message says why (the caller adds where). */
export class DataUrlError extends Error {
  override readonly name = 'DataUrlError';
}

const MEDIA_TYPE_ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

/**
 * Whether `url` is a `data:` URL (any case).
 *
 * @example
 * isDataUrl('DATA:image/png;base64,AAAA'); // true
 */
export function isDataUrl(url: string): boolean {
  return /^data:/i.test(url);
}

/**
 * Decodes `data:<media type>[;base64],<data>`. Base64 data may hold white space and the URL-safe
 * alphabet (both normalised away); percent-encoded data is re-encoded as base64. Empty or
 * malformed data is a `DataUrlError`, never an empty image.
 *
 * @example
 * parseDataUrl('data:image/png;base64,iVBORw0KGgo='); // { mediaType: 'image/png', base64: 'iVBORw0KGgo=' }
 */
export function parseDataUrl(url: string): DataUrl {
  if (!isDataUrl(url)) throw new DataUrlError('is not a data: URL');
  const comma = url.indexOf(',');
  if (comma < 0) throw new DataUrlError('has no comma before its data (expected data:<media type>;base64,<data>)');
  const [rawType, ...parameters] = url.slice('data:'.length, comma).split(';');
  const mediaType = normalizeMediaType(rawType) ?? 'text/plain';
  const payload = url.slice(comma + 1);
  if (parameters.some((parameter) => parameter.trim().toLowerCase() === 'base64')) {
    const base64 = payload.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
    if (base64 === '') throw new DataUrlError('has no data');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw new DataUrlError('is not valid base64');
    return { mediaType, base64 };
  }
  let text: string;
  try {
    text = decodeURIComponent(payload);
  } catch {
    throw new DataUrlError('has malformed percent-encoding');
  }
  if (text === '') throw new DataUrlError('has no data');
  return { mediaType, base64: Buffer.from(text, 'utf8').toString('base64') };
}

/**
 * A `content-type` or data-URL media type reduced to `type/subtype`, lower-cased, with the common
 * JPEG aliases resolved. Undefined when empty.
 *
 * @example
 * normalizeMediaType('Image/JPG; charset=binary'); // 'image/jpeg'
 */
export function normalizeMediaType(value: string | undefined): string | undefined {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  if (!type) return undefined;
  return MEDIA_TYPE_ALIASES[type] ?? type;
}
