import type { RuleSetInput } from '../rules/rule-set-schema';
import type { TenantInput } from '../tenants/tenant-schema';
import type { CategoryInput } from '../catalog/category';

/** What the router remembers about a session between requests. */
export interface SessionState {
  /** Input tokens of the last request divided by the context window it ran in (0–1). */
  lastContextFill?: number;
  /** Model that served the last request of this session. */
  lastModel?: string;
  updatedAt: number;
}

/**
 * The part of storage the routing core reads. `Storage` (tenants, keys, records) extends it; the
 * router only ever needs these lookups, and caches their results per tenant.
 */
export interface RoutingStateStore {
  getTenant(slug: string): Promise<TenantInput | undefined>;
  getRuleSet(name: string): Promise<RuleSetInput | undefined>;
  /** Categories added or overridden at runtime (built-ins come from the catalog). */
  listCategories(): Promise<CategoryInput[]>;
  getSessionState(tenant: string, sessionId: string): Promise<SessionState | undefined>;
  putSessionState(tenant: string, sessionId: string, state: SessionState): Promise<void>;
  /** A context window learned from a provider's overflow error. */
  getLearnedContextWindow(provider: string, model: string): Promise<number | undefined>;
  putLearnedContextWindow(provider: string, model: string, contextWindow: number): Promise<void>;
}
