import { canonicalQuery, canonicalUri } from './uri-encode';

export interface CanonicalRequestInput {
  method: string;
  /** The path exactly as sent on the wire (already percent-encoded). */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  /** Every header to sign, `host` included. Names are matched case-insensitively. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body. */
  payloadHash: string;
}

export interface CanonicalRequest {
  /** The canonical request text that gets hashed into the string to sign. */
  text: string;
  /** `;`-joined lower-case names of the signed headers, e.g. `host;x-amz-date`. */
  signedHeaders: string;
}

/**
 * Task 1 of SigV4: the canonical request —
 * method, canonical URI, canonical query, canonical headers (lower-case names, trimmed values with
 * inner runs of spaces collapsed, sorted by name), the signed-header list and the payload hash,
 * one per line.
 */
export function buildCanonicalRequest(input: CanonicalRequestInput): CanonicalRequest {
  const merged = new Map<string, string[]>();
  for (const [name, value] of Object.entries(input.headers)) {
    const key = name.toLowerCase().trim();
    const values = merged.get(key) ?? [];
    values.push(value.trim().replace(/\s+/g, ' '));
    merged.set(key, values);
  }
  const names = [...merged.keys()].sort();
  const canonicalHeaders = names.map((name) => `${name}:${(merged.get(name) ?? []).join(',')}\n`).join('');
  const signedHeaders = names.join(';');
  const text = [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    canonicalHeaders,
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  return { text, signedHeaders };
}
