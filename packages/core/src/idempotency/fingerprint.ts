import { createHash } from 'node:crypto';

/**
 * SHA-256 of a request body in canonical form: objects with sorted keys, so the same JSON sent
 * with its keys in another order is the same request. Strings are hashed as given.
 *
 * @example
 * requestFingerprint({ model: 'auto', messages }) === requestFingerprint({ messages, model: 'auto' }); // true
 */
export function requestFingerprint(body: unknown): string {
  const text = typeof body === 'string' ? body : canonicalJson(body);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * @example
 * canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] }); // '{"a":[1,{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
