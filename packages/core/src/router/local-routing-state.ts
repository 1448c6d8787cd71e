import { LRUCache } from 'lru-cache';
import type { CategoryInput } from '../catalog/category';
import type { RuleSetInput } from '../rules/rule-set-schema';
import type { RoutingStateStore, SessionState } from '../storage/routing-state';
import type { TenantInput } from '../tenants/tenant-schema';

/**
 * The routing state a router keeps by itself when no storage is configured: session fills (30 min
 * idle, at most 50,000 sessions) and learned context windows, in memory. Tenants, rule sets and
 * categories then come from config only.
 */
export class LocalRoutingState implements RoutingStateStore {
  private readonly sessions = new LRUCache<string, SessionState>({ max: 50_000, ttl: 30 * 60_000, updateAgeOnGet: true });
  private readonly windows = new Map<string, number>();

  async getTenant(): Promise<TenantInput | undefined> {
    return undefined;
  }

  async getRuleSet(): Promise<RuleSetInput | undefined> {
    return undefined;
  }

  async listCategories(): Promise<CategoryInput[]> {
    return [];
  }

  async getSessionState(tenant: string, sessionId: string): Promise<SessionState | undefined> {
    return this.sessions.get(`${tenant}\u0000${sessionId}`);
  }

  async putSessionState(tenant: string, sessionId: string, state: SessionState): Promise<void> {
    this.sessions.set(`${tenant}\u0000${sessionId}`, state);
  }

  async getLearnedContextWindow(provider: string, model: string): Promise<number | undefined> {
    return this.windows.get(`${provider}/${model}`);
  }

  async putLearnedContextWindow(provider: string, model: string, contextWindow: number): Promise<void> {
    this.windows.set(`${provider}/${model}`, contextWindow);
  }
}
