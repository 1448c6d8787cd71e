import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../clock/clock';
import { RefractError } from '../errors/refract-error';
import type { ApiKeyLimits, ApiKeyRecord } from '../storage/api-key-record';
import type { Storage } from '../storage/storage';
import { generateApiKey, hashApiKey, visiblePrefix } from './api-key';

export interface CreateApiKeyInput {
  tenant: string;
  label?: string;
  /** Epoch milliseconds; or use `lifetimeDays`. Neither: the key never expires. */
  expiresAt?: number;
  lifetimeDays?: number;
  enabled?: boolean;
  limits?: ApiKeyLimits;
}

/** The stored record plus the plain key, which exists only in this return value. */
export interface IssuedApiKey {
  key: ApiKeyRecord;
  plainKey: string;
}

/**
 * Creates a key for an existing tenant. The plain key is returned once and never stored: show it
 * to the user now, it cannot be recovered (rotate to get a new one).
 *
 * @example
 * const { plainKey, key } = await createApiKey(storage, { tenant: 'acme', label: 'ci', lifetimeDays: 90 });
 */
export async function createApiKey(
  storage: Pick<Storage, 'getTenant' | 'createApiKey'>,
  input: CreateApiKeyInput,
  clock: Clock = systemClock,
): Promise<IssuedApiKey> {
  if (!(await storage.getTenant(input.tenant))) {
    throw new RefractError('REFRACT_ERR_TENANT_UNKNOWN', `No tenant '${input.tenant}'`);
  }
  const now = clock.now();
  const plainKey = generateApiKey();
  const key: ApiKeyRecord = {
    id: `key_${randomBytes(9).toString('base64url')}`,
    tenant: input.tenant,
    hash: hashApiKey(plainKey),
    prefix: visiblePrefix(plainKey),
    enabled: input.enabled ?? true,
    createdAt: now,
  };
  if (input.label !== undefined) key.label = input.label;
  const expiresAt = input.expiresAt ?? (input.lifetimeDays ? now + input.lifetimeDays * 86_400_000 : undefined);
  if (expiresAt !== undefined) key.expiresAt = expiresAt;
  if (input.limits !== undefined) key.limits = { ...input.limits };
  await storage.createApiKey(key);
  return { key, plainKey };
}

/**
 * Replaces a key's secret in place (same id, label and limits): the old plain key stops working
 * at once and the new one is returned once. `lifetimeDays` restarts the expiry from now.
 *
 * @example
 * const { plainKey } = await rotateApiKey(storage, 'key_abc', { lifetimeDays: 90 });
 */
export async function rotateApiKey(
  storage: Pick<Storage, 'getApiKey' | 'updateApiKey'>,
  id: string,
  options: { lifetimeDays?: number; tenant?: string } = {},
  clock: Clock = systemClock,
): Promise<IssuedApiKey> {
  const current = await storage.getApiKey(id);
  if (!current || (options.tenant !== undefined && current.tenant !== options.tenant)) {
    throw new RefractError('REFRACT_ERR_NOT_FOUND', `No API key '${id}'`);
  }
  const now = clock.now();
  const plainKey = generateApiKey();
  const updated = await storage.updateApiKey(id, {
    hash: hashApiKey(plainKey),
    prefix: visiblePrefix(plainKey),
    rotatedAt: now,
    ...(options.lifetimeDays ? { expiresAt: now + options.lifetimeDays * 86_400_000 } : {}),
  });
  if (!updated) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No API key '${id}'`);
  return { key: updated, plainKey };
}

/** A key as shown by the admin API: everything but the hash. */
export type PublicApiKey = Omit<ApiKeyRecord, 'hash'>;

/**
 * @example
 * return json((await storage.listApiKeys('acme')).map(publicApiKey));
 */
export function publicApiKey(key: ApiKeyRecord): PublicApiKey {
  const { hash: _hash, ...rest } = key;
  return rest;
}
