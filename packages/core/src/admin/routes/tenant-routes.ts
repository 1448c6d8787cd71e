import { z } from 'zod';
import { evaluateGuard } from '../../budgets/budget-guard';
import { BUDGET_WINDOW_KINDS } from '../../budgets/budget-window';
import { committed } from '../../budgets/create-ledger';
import { usdFromMicros } from '../../budgets/money';
import { ledgerLimitsFor } from '../../budgets/tenant-limits';
import { RefractError } from '../../errors/refract-error';
import { type Tenant, tenantSchema } from '../../tenants/tenant-schema';
import { type AdminContext, type AdminRoute, scopedTenant } from '../admin-context';
import { json, parseWith, readBody } from '../admin-http';

const looseObject = z.record(z.string(), z.unknown());

async function existingTenant(context: AdminContext, slug: string): Promise<Tenant> {
  const tenant = await context.storage.getTenant(slug);
  if (!tenant) throw new RefractError('REFRACT_ERR_TENANT_UNKNOWN', `No tenant '${slug}'`);
  return tenant;
}

/**
 * Merges a partial tenant into the stored one: top-level fields are replaced, and the sections
 * `routing`, `models`, `limits` and `budgets` are merged one level deep (send `null` to clear a
 * field). The result is validated as a whole.
 */
function mergeTenant(current: Tenant, patch: Record<string, unknown>): unknown {
  const merged: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    const section = merged[field];
    if (['routing', 'models', 'limits', 'budgets'].includes(field) && isPlainObject(value) && isPlainObject(section)) {
      merged[field] = dropNulls({ ...section, ...value });
    } else if (value === null) {
      delete merged[field];
    } else {
      merged[field] = value;
    }
  }
  return merged;
}

export const tenantRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/tenants',
    access: 'admin',
    handle: async (context) => json({ object: 'list', data: await context.storage.listTenants() }),
  },
  {
    method: 'POST',
    path: '/tenants',
    access: 'admin',
    handle: async (context) => {
      const tenant = await readBody(context.request, tenantSchema, context.maxBodyBytes);
      if (await context.storage.getTenant(tenant.slug)) {
        throw new RefractError('REFRACT_ERR_ALREADY_EXISTS', `Tenant '${tenant.slug}' already exists; use PUT or PATCH /tenants/${tenant.slug}`);
      }
      await context.storage.putTenant(tenant);
      return json(tenant, 201);
    },
  },
  {
    method: 'GET',
    path: '/tenants/:slug',
    access: 'tenant-read',
    handle: async (context) => json(await existingTenant(context, scopedTenant(context, context.params['slug']) ?? '')),
  },
  {
    method: 'PUT',
    path: '/tenants/:slug',
    access: 'admin',
    handle: async (context) => {
      const slug = context.params['slug'] ?? '';
      const body = await readBody(context.request, looseObject, context.maxBodyBytes);
      if (body['slug'] !== undefined && body['slug'] !== slug) {
        throw new RefractError('REFRACT_ERR_VALIDATION', `The body's slug '${String(body['slug'])}' differs from the path's '${slug}'`, { param: 'slug' });
      }
      const tenant = parseWith(tenantSchema, { ...body, slug }, 'tenant');
      const existed = (await context.storage.getTenant(slug)) !== undefined;
      await context.storage.putTenant(tenant);
      return json(tenant, existed ? 200 : 201);
    },
  },
  {
    method: 'PATCH',
    path: '/tenants/:slug',
    access: 'admin',
    handle: async (context) => {
      const current = await existingTenant(context, context.params['slug'] ?? '');
      const patch = await readBody(context.request, looseObject, context.maxBodyBytes);
      if (patch['slug'] !== undefined && patch['slug'] !== current.slug) {
        throw new RefractError('REFRACT_ERR_VALIDATION', 'A tenant slug cannot be changed', { param: 'slug' });
      }
      const tenant = parseWith(tenantSchema, mergeTenant(current, patch), 'tenant');
      await context.storage.putTenant(tenant);
      return json(tenant);
    },
  },
  {
    method: 'DELETE',
    path: '/tenants/:slug',
    access: 'admin',
    handle: async (context) => {
      const slug = context.params['slug'] ?? '';
      if (!(await context.storage.deleteTenant(slug))) throw new RefractError('REFRACT_ERR_TENANT_UNKNOWN', `No tenant '${slug}'`);
      return json({ slug, deleted: true });
    },
  },
  {
    method: 'GET',
    path: '/tenants/:slug/usage',
    access: 'tenant-read',
    handle: async (context) => {
      const tenant = await existingTenant(context, scopedTenant(context, context.params['slug']) ?? '');
      if (!context.ledger) throw new RefractError('REFRACT_ERR_NOT_FOUND', 'Budget usage needs a ledger: pass `ledger` to createAdminHandler');
      const ledger = context.ledger;
      const limits = ledgerLimitsFor(tenant);
      const usage = await Promise.all(BUDGET_WINDOW_KINDS.map((kind) => ledger.usage(tenant.slug, kind)));
      const windows = usage.map((entry) => {
        const total = committed(entry.counters);
        return {
          window: entry.window.kind,
          label: entry.window.label,
          start: new Date(entry.window.start).toISOString(),
          end: new Date(entry.window.end).toISOString(),
          spent_usd: usdFromMicros(entry.counters.spent.usdMicros),
          reserved_usd: usdFromMicros(entry.counters.reserved.usdMicros),
          requests: total.requests,
          tokens: total.tokens,
          limits: limits.filter((limit) => limit.window === entry.window.kind),
        };
      });
      return json({ tenant: tenant.slug, windows, guard: evaluateGuard(tenant, limits, usage) });
    },
  },
];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dropNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null));
}
