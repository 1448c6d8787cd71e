import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every generated key starts with this, so leaked keys are easy to recognise (and to scan for). */
export const API_KEY_PREFIX = 'rk_';
/** Characters of the plain key kept as its visible prefix: `rk_` plus 8 random characters. */
export const VISIBLE_PREFIX_LENGTH = 11;

/**
 * A new random API key: `rk_` followed by 43 base64url characters (32 random bytes, 256 bits).
 *
 * @example
 * const plainKey = generateApiKey(); // 'rk_Xq2…'
 */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of the plain key, lowercase hex. The only form in which a key is stored.
 *
 * @example
 * hashApiKey('rk_…'); // 64 hex characters
 */
export function hashApiKey(plainKey: string): string {
  return createHash('sha256').update(plainKey, 'utf8').digest('hex');
}

/**
 * The part of the key shown in lists and logs (never enough to use it).
 *
 * @example
 * visiblePrefix(plainKey); // 'rk_Xq2aB9c0'
 */
export function visiblePrefix(plainKey: string): string {
  return plainKey.slice(0, VISIBLE_PREFIX_LENGTH);
}

/**
 * Compares two hex digests in constant time. Authentication looks keys up by hash, so the plain
 * key never meets a byte-by-byte comparison; this check guards the last step against any storage
 * lookup that is not an exact match (case folding, collation, prefix indexes).
 *
 * @example
 * hashesEqual(hashApiKey(presented), record.hash);
 */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  if (left.length !== 32 || right.length !== 32 || a.length !== 64 || b.length !== 64) return false;
  return timingSafeEqual(left, right);
}
