/** Per-key limits; they apply in addition to the tenant's own limits. */
export interface ApiKeyLimits {
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
}

/**
 * One API key of a tenant as stored. The plain key is never stored: only its SHA-256 `hash`
 * (hex) and a short visible `prefix` for people to recognise it in lists and logs.
 */
export interface ApiKeyRecord {
  /** Stable id (`key_…`), used by the admin API; not a secret. */
  id: string;
  tenant: string;
  /** SHA-256 of the plain key, lowercase hex (64 characters). Unique across all tenants. */
  hash: string;
  /** The first characters of the plain key, e.g. `rk_Ab12Cd`. */
  prefix: string;
  label?: string;
  enabled: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds; unset means the key never expires. */
  expiresAt?: number;
  /** Epoch milliseconds of the last authenticated use (updated asynchronously, throttled). */
  lastUsedAt?: number;
  /** Epoch milliseconds of the last rotation. */
  rotatedAt?: number;
  limits?: ApiKeyLimits;
}

/** Fields the admin API may change on an existing key. `null` clears an optional field. */
export interface ApiKeyPatch {
  label?: string | null;
  enabled?: boolean;
  expiresAt?: number | null;
  limits?: ApiKeyLimits | null;
  /** Rotation replaces the hash and prefix in place. */
  hash?: string;
  prefix?: string;
  rotatedAt?: number;
}
