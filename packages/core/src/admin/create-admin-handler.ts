import { createHash, timingSafeEqual } from 'node:crypto';
import { authenticate } from '../auth/authenticate';
import { bearerToken } from '../auth/authenticate';
import type { Ledger } from '../budgets/ledger';
import { type Clock, systemClock } from '../clock/clock';
import { RefractError, isRefractError } from '../errors/refract-error';
import type { CredentialVault } from '../secrets/credential-vault';
import type { Storage } from '../storage/storage';
import type { AdminCaller, AdminContext, AdminRoute } from './admin-context';
import { errorResponse } from './admin-http';
import { configRoutes } from './routes/config-routes';
import { credentialRoutes } from './routes/credential-routes';
import { keyRoutes } from './routes/key-routes';
import { recordRoutes } from './routes/record-routes';
import { tenantRoutes } from './routes/tenant-routes';

export const ADMIN_TOKEN_ENV = 'REFRACT_ADMIN_TOKEN';

export interface AdminHandlerOptions {
  storage: Storage;
  /** Enables `GET /admin/tenants/:slug/usage` (budget windows and guard). */
  ledger?: Ledger;
  /** Enables the credential routes (`createCredentialVault`). */
  vault?: CredentialVault;
  /** The operator's token (at least 24 characters). Default: `process.env.REFRACT_ADMIN_TOKEN`. Unset: only tenant reads work. */
  adminToken?: string;
  /** Where the admin API is mounted (default `/admin`). */
  basePath?: string;
  /** Tenant API keys may read their own tenant, keys, usage, stats and logs (default true). */
  allowTenantReads?: boolean;
  clock?: Clock;
  /** Largest accepted JSON body (default 1 MiB). */
  maxBodyBytes?: number;
}

const ROUTES: readonly AdminRoute[] = [...tenantRoutes, ...keyRoutes, ...credentialRoutes, ...configRoutes, ...recordRoutes];

/**
 * The admin API as one web-standard handler, for every mount (Hono, Express, fetch). Requests
 * carry `Authorization: Bearer <admin token>`; a tenant's own API key may read that tenant's data
 * (and nothing of any other tenant). Errors are OpenAI-format JSON bodies.
 *
 * Routes, below `basePath`: `/tenants` (GET, POST), `/tenants/:slug` (GET, PUT, PATCH, DELETE),
 * `/tenants/:slug/usage`, `/tenants/:slug/keys` (GET, POST), `/tenants/:slug/keys/:id` (PATCH,
 * DELETE), `/tenants/:slug/keys/:id/{rotate,disable,enable}` (POST),
 * `/tenants/:slug/credentials[/:provider]`, `/categories[/:key]`, `/rule-sets[/:name]`,
 * `/stats?group_by=day|model|category|tier|tenant`, `/logs` (paged with `cursor`).
 *
 * @example
 * const admin = createAdminHandler({ storage, ledger: storage.ledger });
 * app.all('/admin/*', (c) => admin(c.req.raw));
 */
export function createAdminHandler(options: AdminHandlerOptions): (request: Request) => Promise<Response> {
  const basePath = (options.basePath ?? '/admin').replace(/\/+$/, '');
  const adminToken = options.adminToken ?? process.env[ADMIN_TOKEN_ENV];
  if (adminToken !== undefined && adminToken !== '' && adminToken.length < 24) {
    throw new RefractError('REFRACT_ERR_CONFIG', `${ADMIN_TOKEN_ENV} must be at least 24 characters (generate one with: openssl rand -base64 32)`);
  }
  const adminDigest = adminToken ? digest(adminToken) : undefined;
  const clock = options.clock ?? systemClock;
  const allowTenantReads = options.allowTenantReads ?? true;

  const identify = async (request: Request): Promise<AdminCaller> => {
    const header = request.headers.get('authorization');
    const token = bearerToken(header);
    if (token !== undefined && adminDigest && timingSafeEqual(digest(token), adminDigest)) return { role: 'admin' };
    if (!allowTenantReads || token === undefined) {
      if (!adminDigest) throw new RefractError('REFRACT_ERR_ADMIN_DISABLED', `The admin API is disabled: set ${ADMIN_TOKEN_ENV}`);
      throw new RefractError(token === undefined ? 'REFRACT_ERR_AUTH_MISSING' : 'REFRACT_ERR_AUTH_INVALID', token === undefined ? 'No admin token: send "Authorization: Bearer <token>"' : 'Invalid admin token');
    }
    try {
      const { tenant } = await authenticate(options.storage, header, { clock });
      return { role: 'tenant', tenant: tenant.slug };
    } catch (error) {
      if (isRefractError(error) && error.code === 'REFRACT_ERR_AUTH_INVALID') {
        if (!adminDigest) throw new RefractError('REFRACT_ERR_ADMIN_DISABLED', `The admin API is disabled: set ${ADMIN_TOKEN_ENV}`);
        throw new RefractError('REFRACT_ERR_AUTH_INVALID', 'Invalid admin token or API key');
      }
      throw error;
    }
  };

  return async (request: Request): Promise<Response> => {
    try {
      const url = new URL(request.url);
      if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
        throw new RefractError('REFRACT_ERR_NOT_FOUND', `No admin route ${url.pathname}`);
      }
      const path = url.pathname.slice(basePath.length) || '/';
      const matches = ROUTES.map((route) => ({ route, params: match(route.path, path) })).filter((entry) => entry.params !== undefined);
      const caller = await identify(request);
      if (matches.length === 0) throw new RefractError('REFRACT_ERR_NOT_FOUND', `No admin route ${url.pathname}`);
      const found = matches.find((entry) => entry.route.method === request.method);
      if (!found) {
        const allowed = [...new Set(matches.map((entry) => entry.route.method))].join(', ');
        throw new RefractError('REFRACT_ERR_METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${url.pathname} (allowed: ${allowed})`);
      }
      if (found.route.access === 'admin' && caller.role !== 'admin') {
        throw new RefractError('REFRACT_ERR_FORBIDDEN', 'This admin operation needs the admin token');
      }
      const context: AdminContext = {
        request,
        url,
        params: found.params ?? {},
        caller,
        storage: options.storage,
        ledger: options.ledger,
        vault: options.vault,
        clock,
        maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
      };
      return await found.route.handle(context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** `/tenants/:slug` against `/tenants/acme` → `{ slug: 'acme' }`; undefined when it does not match. */
function match(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const value = actual[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
