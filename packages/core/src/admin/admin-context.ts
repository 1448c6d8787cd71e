import type { Ledger } from '../budgets/ledger';
import type { Clock } from '../clock/clock';
import { RefractError } from '../errors/refract-error';
import type { CredentialVault } from '../secrets/credential-vault';
import type { Storage } from '../storage/storage';

/** Who is calling: the operator (admin token) or a tenant (its own API key, read-only on its own data). */
export type AdminCaller = { role: 'admin' } | { role: 'tenant'; tenant: string };

export interface AdminContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  caller: AdminCaller;
  storage: Storage;
  ledger: Ledger | undefined;
  vault: CredentialVault | undefined;
  clock: Clock;
  maxBodyBytes: number;
}

export type AdminRouteHandler = (context: AdminContext) => Promise<Response>;

export interface AdminRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base path, with `:name` parameters, e.g. `/tenants/:slug/keys/:id`. */
  path: string;
  /** `tenant-read`: tenant keys may call it for their own tenant (`:slug` or the `tenant` query). */
  access: 'admin' | 'tenant-read';
  handle: AdminRouteHandler;
}

export function requireAdmin(context: AdminContext): void {
  if (context.caller.role !== 'admin') {
    throw new RefractError('REFRACT_ERR_FORBIDDEN', 'This admin operation needs the admin token');
  }
}

/**
 * The tenant a read is scoped to: a tenant caller always gets its own and may not name another;
 * the admin gets what it asked for (or every tenant when it names none).
 */
export function scopedTenant(context: AdminContext, requested: string | undefined): string | undefined {
  if (context.caller.role === 'admin') return requested;
  if (requested !== undefined && requested !== context.caller.tenant) {
    throw new RefractError('REFRACT_ERR_FORBIDDEN', 'A tenant key may only read its own tenant');
  }
  return context.caller.tenant;
}
