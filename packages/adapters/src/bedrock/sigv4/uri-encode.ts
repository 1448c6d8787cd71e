const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * URI-encodes a string the way SigV4 requires (RFC 3986): every byte except the unreserved
 * characters `A-Z a-z 0-9 - . _ ~` becomes `%XY` with upper-case hex. Unlike
 * `encodeURIComponent`, it also encodes `! ' ( ) *`.
 */
export function uriEncode(value: string): string {
  let out = '';
  for (const character of value) {
    if (UNRESERVED.test(character)) {
      out += character;
      continue;
    }
    for (const byte of Buffer.from(character, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The canonical URI of a request path as it goes on the wire. For every AWS service but S3 each
 * segment is encoded once more, so a Bedrock model id sent as `…v1%3A0` is signed as `…v1%253A0`.
 */
export function canonicalUri(wirePath: string): string {
  if (wirePath === '' || wirePath === '/') return '/';
  return wirePath
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/');
}

/**
 * The canonical query string: parameters decoded, re-encoded with `uriEncode`, sorted by name then
 * value. `query` is the raw search string without `?`.
 */
export function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      const name = equals < 0 ? part : part.slice(0, equals);
      const value = equals < 0 ? '' : part.slice(equals + 1);
      return [uriEncode(safeDecode(name)), uriEncode(safeDecode(value))] as const;
    });
  pairs.sort(([nameA, valueA], [nameB, valueB]) => (nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
