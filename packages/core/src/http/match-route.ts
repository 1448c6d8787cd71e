/** The endpoint a request is for, and the tenant named in its path. */
export type RouteMatch =
  | { kind: 'chat'; tenant?: string }
  | { kind: 'embeddings'; tenant?: string }
  | { kind: 'models'; tenant?: string; id?: string }
  | { kind: 'route'; tenant?: string }
  | { kind: 'health'; tenant?: string }
  | { kind: 'metrics' }
  | { kind: 'admin' }
  | { kind: 'not-found' };

const TENANT_PREFIX = /^\/api\/([a-z0-9][a-z0-9-]{0,62})(\/.*)$/;

/**
 * Matches `/v1/chat/completions`, `/v1/embeddings`, `/v1/models[/{id}]`, `/v1/route`,
 * `/health`, `/v1/health`, `/metrics` and `/admin/…`, each also under `/api/{tenant}`.
 */
export function matchRoute(pathname: string): RouteMatch {
  let path = pathname.replace(/\/+$/, '') || '/';
  let tenant: string | undefined;
  const prefixed = TENANT_PREFIX.exec(path);
  if (prefixed) {
    tenant = prefixed[1];
    path = prefixed[2] ?? '/';
  }
  const withTenant = <T extends object>(match: T): T & { tenant?: string } => (tenant ? { ...match, tenant } : match);
  if (path === '/v1/chat/completions' || path === '/chat/completions') return withTenant({ kind: 'chat' as const });
  if (path === '/v1/embeddings' || path === '/embeddings') return withTenant({ kind: 'embeddings' as const });
  if (path === '/v1/route') return withTenant({ kind: 'route' as const });
  if (path === '/health' || path === '/v1/health') return withTenant({ kind: 'health' as const });
  if (path === '/v1/models' || path === '/models') return withTenant({ kind: 'models' as const });
  if (path.startsWith('/v1/models/')) return withTenant({ kind: 'models' as const, id: decodeURIComponent(path.slice('/v1/models/'.length)) });
  if (!tenant && path === '/metrics') return { kind: 'metrics' };
  if (!tenant && (path === '/admin' || path.startsWith('/admin/'))) return { kind: 'admin' };
  return { kind: 'not-found' };
}
