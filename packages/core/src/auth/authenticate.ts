import { type Clock, systemClock } from '../clock/clock';
import { RefractError } from '../errors/refract-error';
import type { ApiKeyRecord } from '../storage/api-key-record';
import type { Storage } from '../storage/storage';
import type { Tenant } from '../tenants/tenant-schema';
import { tenantSchema } from '../tenants/tenant-schema';
import { hashApiKey, hashesEqual } from './api-key';
import type { KeyUsageTracker } from './key-usage-tracker';

export interface AuthenticateOptions {
  clock?: Clock;
  /** Records `lastUsedAt` in the background. */
  usage?: KeyUsageTracker;
  /** When the URL names a tenant (`/t/acme/v1/...`), the key must belong to it. */
  tenant?: string;
}

export interface Authenticated {
  tenant: Tenant;
  key: ApiKeyRecord;
}

/**
 * Bearer key → tenant. Reads `Authorization: Bearer <key>` (the raw header value), hashes the key
 * with SHA-256, looks the hash up and checks, in this order: the key exists (401
 * `REFRACT_ERR_AUTH_INVALID`), is enabled (401 `…_AUTH_DISABLED`), has not expired (401
 * `…_AUTH_EXPIRED`), its tenant exists and is enabled (403 `REFRACT_ERR_TENANT_DISABLED`), and
 * belongs to `options.tenant` when given (401 `…_AUTH_INVALID`, as if the key did not exist).
 * No header or no bearer token: 401 `REFRACT_ERR_AUTH_MISSING`. Error messages never echo the key.
 *
 * @example
 * const { tenant, key } = await authenticate(storage, request.headers.get('authorization') ?? undefined);
 */
export async function authenticate(
  storage: Pick<Storage, 'getApiKeyByHash' | 'getTenant'>,
  authorization: string | null | undefined,
  options: AuthenticateOptions = {},
): Promise<Authenticated> {
  const presented = bearerToken(authorization);
  if (presented === undefined) {
    throw new RefractError('REFRACT_ERR_AUTH_MISSING', 'No API key: send it as "Authorization: Bearer <key>"');
  }
  const hash = hashApiKey(presented);
  const key = await storage.getApiKeyByHash(hash);
  if (!key || !hashesEqual(hash, key.hash)) {
    throw new RefractError('REFRACT_ERR_AUTH_INVALID', 'Invalid API key');
  }
  if (options.tenant !== undefined && key.tenant !== options.tenant) {
    throw new RefractError('REFRACT_ERR_AUTH_INVALID', 'Invalid API key');
  }
  if (!key.enabled) {
    throw new RefractError('REFRACT_ERR_AUTH_DISABLED', `API key ${key.prefix}… is disabled`);
  }
  const now = (options.clock ?? systemClock).now();
  if (key.expiresAt !== undefined && key.expiresAt <= now) {
    throw new RefractError('REFRACT_ERR_AUTH_EXPIRED', `API key ${key.prefix}… expired at ${new Date(key.expiresAt).toISOString()}`);
  }
  const stored = await storage.getTenant(key.tenant);
  if (!stored) throw new RefractError('REFRACT_ERR_AUTH_INVALID', 'Invalid API key');
  const tenant = tenantSchema.parse(stored);
  if (!tenant.enabled) {
    throw new RefractError('REFRACT_ERR_TENANT_DISABLED', `Tenant '${tenant.slug}' is disabled`);
  }
  options.usage?.touch(key.id);
  return { tenant, key };
}

/**
 * The token of `Bearer <token>` (case-insensitive scheme), or undefined.
 *
 * @example
 * bearerToken('Bearer rk_abc'); // 'rk_abc'
 */
export function bearerToken(authorization: string | null | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
