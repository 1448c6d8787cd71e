import { z } from 'zod';
import { utcDate } from '../../budgets/budget-window';
import { RefractError } from '../../errors/refract-error';
import { summarizeStats } from '../../records/summarize-stats';
import { tierSchema } from '../../rules/rule-set-schema';
import { type AdminRoute, scopedTenant } from '../admin-context';
import { json, parseWith, queryOf } from '../admin-http';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const instant = z.union([z.string().regex(/^\d+$/).transform(Number), z.iso.datetime({ offset: true }).transform((text) => Date.parse(text))]);

const statsQuery = z.object({
  tenant: z.string().optional(),
  from: date.optional(),
  to: date.optional(),
  group_by: z.enum(['day', 'model', 'category', 'tier', 'tenant']).default('day'),
});

const logsQuery = z.object({
  tenant: z.string().optional(),
  from: instant.optional(),
  to: instant.optional(),
  status: z.enum(['success', 'error']).optional(),
  model: z.string().optional(),
  provider: z.string().optional(),
  category: z.string().optional(),
  tier: tierSchema.optional(),
  session_id: z.string().optional(),
  limit: z.string().regex(/^\d+$/).transform(Number).optional(),
  cursor: z.string().optional(),
});

/** Usage and savings stats, and request-log paging. Tenant keys see their own tenant only. */
export const recordRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/stats',
    access: 'tenant-read',
    handle: async (context) => {
      const query = parseWith(statsQuery, queryOf(context.url), 'query');
      const tenant = scopedTenant(context, query.tenant);
      const to = query.to ?? utcDate(context.clock.now());
      const from = query.from ?? utcDate(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000);
      if (from > to) throw new RefractError('REFRACT_ERR_VALIDATION', `'from' (${from}) is after 'to' (${to})`, { param: 'from' });
      const stats = await context.storage.queryDailyStats({ from, to, ...(tenant !== undefined ? { tenant } : {}) });
      return json({ tenant: tenant ?? null, from, to, ...summarizeStats(stats, query.group_by) });
    },
  },
  {
    method: 'GET',
    path: '/logs',
    access: 'tenant-read',
    handle: async (context) => {
      const query = parseWith(logsQuery, queryOf(context.url), 'query');
      const tenant = scopedTenant(context, query.tenant);
      const { session_id: sessionId, tenant: _tenant, ...rest } = query;
      const filters = Object.fromEntries(Object.entries({ ...rest, sessionId, tenant }).filter(([, value]) => value !== undefined));
      const page = await context.storage.queryRequestLogs(filters);
      return json({ object: 'list', data: page.items, next_cursor: page.nextCursor ?? null });
    },
  },
];
