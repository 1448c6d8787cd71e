import type { ApiKeyPatch, ApiKeyRecord } from './api-key-record';

/**
 * The record after `patch`: `null` clears an optional field, `undefined` leaves it.
 *
 * @example
 * applyApiKeyPatch(key, { enabled: false, label: null });
 */
export function applyApiKeyPatch(current: ApiKeyRecord, patch: ApiKeyPatch): ApiKeyRecord {
  const next: ApiKeyRecord = structuredClone(current);
  if (patch.enabled !== undefined) next.enabled = patch.enabled;
  if (patch.hash !== undefined) next.hash = patch.hash;
  if (patch.prefix !== undefined) next.prefix = patch.prefix;
  if (patch.rotatedAt !== undefined) next.rotatedAt = patch.rotatedAt;
  if (patch.label === null) delete next.label;
  else if (patch.label !== undefined) next.label = patch.label;
  if (patch.expiresAt === null) delete next.expiresAt;
  else if (patch.expiresAt !== undefined) next.expiresAt = patch.expiresAt;
  if (patch.limits === null) delete next.limits;
  else if (patch.limits !== undefined) next.limits = { ...patch.limits };
  return next;
}
