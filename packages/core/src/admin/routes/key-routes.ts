import { z } from 'zod';
import { createApiKey, publicApiKey, rotateApiKey } from '../../auth/manage-api-keys';
import { RefractError } from '../../errors/refract-error';
import type { ApiKeyPatch, ApiKeyRecord } from '../../storage/api-key-record';
import { type AdminContext, type AdminRoute, scopedTenant } from '../admin-context';
import { json, readBody } from '../admin-http';

const timestamp = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((text) => Date.parse(text))]);
const keyLimits = z.object({
  requestsPerMinute: z.number().int().positive().optional(),
  tokensPerMinute: z.number().int().positive().optional(),
});

const createKeyBody = z.object({
  label: z.string().min(1).max(200).optional(),
  /** Epoch milliseconds or an ISO date-time. */
  expiresAt: timestamp.optional(),
  lifetimeDays: z.number().positive().max(36_500).optional(),
  enabled: z.boolean().optional(),
  limits: keyLimits.optional(),
});

const patchKeyBody = z.object({
  label: z.string().min(1).max(200).nullable().optional(),
  expiresAt: timestamp.nullable().optional(),
  enabled: z.boolean().optional(),
  limits: keyLimits.nullable().optional(),
});

const rotateKeyBody = z.object({ lifetimeDays: z.number().positive().max(36_500).optional() });

async function keyOf(context: AdminContext): Promise<ApiKeyRecord> {
  const key = await context.storage.getApiKey(context.params['id'] ?? '');
  if (!key || key.tenant !== context.params['slug']) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No API key '${context.params['id']}' for tenant '${context.params['slug']}'`);
  return key;
}

async function update(context: AdminContext, patch: ApiKeyPatch): Promise<Response> {
  const key = await keyOf(context);
  const updated = await context.storage.updateApiKey(key.id, patch);
  if (!updated) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No API key '${key.id}'`);
  return json(publicApiKey(updated));
}

/** Keys: the plain key appears in exactly two responses (create and rotate) and nowhere else. */
export const keyRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/tenants/:slug/keys',
    access: 'tenant-read',
    handle: async (context) => {
      const tenant = scopedTenant(context, context.params['slug']) ?? '';
      return json({ object: 'list', data: (await context.storage.listApiKeys(tenant)).map(publicApiKey) });
    },
  },
  {
    method: 'POST',
    path: '/tenants/:slug/keys',
    access: 'admin',
    handle: async (context) => {
      const body = await readBody(context.request, createKeyBody, context.maxBodyBytes);
      const input = { tenant: context.params['slug'] ?? '', ...stripUndefined(body) };
      const issued = await createApiKey(context.storage, input, context.clock);
      return json({ ...publicApiKey(issued.key), api_key: issued.plainKey, note: 'Store this key now: it is shown only once.' }, 201);
    },
  },
  {
    method: 'PATCH',
    path: '/tenants/:slug/keys/:id',
    access: 'admin',
    handle: async (context) => {
      const body = await readBody(context.request, patchKeyBody, context.maxBodyBytes);
      return update(context, stripUndefined(body) as ApiKeyPatch);
    },
  },
  {
    method: 'POST',
    path: '/tenants/:slug/keys/:id/rotate',
    access: 'admin',
    handle: async (context) => {
      const body = await readBody(context.request, rotateKeyBody, context.maxBodyBytes);
      const key = await keyOf(context);
      const issued = await rotateApiKey(context.storage, key.id, { tenant: key.tenant, ...stripUndefined(body) }, context.clock);
      return json({ ...publicApiKey(issued.key), api_key: issued.plainKey, note: 'Store this key now: it is shown only once. The previous key no longer works.' });
    },
  },
  { method: 'POST', path: '/tenants/:slug/keys/:id/disable', access: 'admin', handle: (context) => update(context, { enabled: false }) },
  { method: 'POST', path: '/tenants/:slug/keys/:id/enable', access: 'admin', handle: (context) => update(context, { enabled: true }) },
  {
    method: 'DELETE',
    path: '/tenants/:slug/keys/:id',
    access: 'admin',
    handle: async (context) => {
      const key = await keyOf(context);
      await context.storage.deleteApiKey(key.id);
      return json({ id: key.id, deleted: true });
    },
  },
];

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
