import type {
  ApiKeyPatch,
  ApiKeyRecord,
  CategoryInput,
  Clock,
  ConfigChangeListener,
  CredentialRecord,
  DailyStats,
  DailyStatsQuery,
  IdempotencyClaim,
  IdempotencyClaimRequest,
  Ledger,
  RateLimiter,
  RefractStorage,
  RequestLog,
  RequestLogPage,
  RequestLogQuery,
  RuleSetInput,
  SessionState,
  StorageHealth,
  StoredResponse,
  Tenant,
} from '@refract/core';
import type { Db, MongoClient } from 'mongodb';
import type { Collections } from './collections';
import type { ConfigChangeLog } from './feed/config-change-log';
import type { ConfigFeed } from './feed/start-config-feed';
import type { HealthTracker } from './health-tracker';
import { guarded } from './mongo-errors';
import type { MongoConfigStore } from './stores/mongo-config-store';
import type { MongoIdempotencyStore } from './stores/mongo-idempotency-store';
import type { MongoRecordStore } from './stores/mongo-record-store';
import type { MongoStateStore } from './stores/mongo-state-store';

export interface MongoStorageParts {
  client: MongoClient;
  ownsClient: boolean;
  db: Db;
  collections: Collections;
  clock: Clock;
  health: HealthTracker;
  changes: ConfigChangeLog;
  config: MongoConfigStore;
  records: MongoRecordStore;
  state: MongoStateStore;
  idempotency: MongoIdempotencyStore;
  rateLimiter: RateLimiter;
  ledger: Ledger;
  feed: ConfigFeed;
  sweepIntervalMs: number;
  onError: (error: unknown, context: string) => void;
}

/** `Storage` plus the rate limiter and ledger on MongoDB. Create it with `createMongoStorage`. */
export class MongoStorage implements RefractStorage {
  readonly backend = 'mongodb';
  readonly rateLimiter: RateLimiter;
  readonly ledger: Ledger;
  /** The database, for operations tooling (backups, inspection). */
  readonly db: Db;
  private readonly parts: MongoStorageParts;
  private readonly sweepTimer: ReturnType<typeof setInterval> | undefined;
  private closing: Promise<void> | undefined;

  constructor(parts: MongoStorageParts) {
    this.parts = parts;
    this.rateLimiter = parts.rateLimiter;
    this.ledger = parts.ledger;
    this.db = parts.db;
    if (parts.sweepIntervalMs > 0) {
      this.sweepTimer = setInterval(() => {
        parts.ledger.sweep().catch((error: unknown) => {
          parts.health.failure(error);
          parts.onError(error, 'ledger sweep failed');
        });
      }, parts.sweepIntervalMs);
      this.sweepTimer.unref?.();
    }
  }

  /** How config changes arrive here now: `change-stream` or `polling`. */
  get configFeedMode(): 'change-stream' | 'polling' {
    return this.parts.feed.mode;
  }

  /** Applies pending config changes from other instances now (instead of at the next poll). */
  syncConfig(): Promise<void> {
    return this.parts.feed.sync();
  }

  onConfigChange(listener: ConfigChangeListener): () => void {
    return this.parts.changes.emitter.subscribe(listener);
  }

  async health(): Promise<StorageHealth> {
    const { health, clock } = this.parts;
    let reachable = true;
    try {
      await this.parts.db.command({ ping: 1 }, { timeoutMS: 2_000 });
      health.success();
    } catch (error) {
      reachable = false;
      health.failure(error);
    }
    const cached = this.parts.config.cachedEntries > 0;
    const report: StorageHealth = {
      backend: this.backend,
      status: reachable ? 'ok' : cached ? 'degraded' : 'down',
      changeFeed: this.parts.feed.mode,
      changeFeedDetail: health.feedDetail,
      servingFromCache: !reachable && cached,
      checkedAt: clock.now(),
    };
    if (health.lastError) report.lastError = { ...health.lastError };
    return report;
  }

  /** Stops the feed and the sweep and closes the client if this package opened it. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.sweepTimer) clearInterval(this.sweepTimer);
      await this.parts.feed.stop().catch((error: unknown) => this.parts.onError(error, 'stopping the config feed failed'));
      if (this.parts.ownsClient) await this.parts.client.close();
    })();
    return this.closing;
  }

  getTenant(slug: string): Promise<Tenant | undefined> { return this.parts.config.getTenant(slug); }
  listTenants(): Promise<Tenant[]> { return this.parts.config.listTenants(); }
  putTenant(tenant: Tenant): Promise<void> { return this.parts.config.putTenant(tenant); }
  deleteTenant(slug: string): Promise<boolean> { return this.parts.config.deleteTenant(slug); }
  createApiKey(key: ApiKeyRecord): Promise<void> { return this.parts.config.createApiKey(key); }
  getApiKey(id: string): Promise<ApiKeyRecord | undefined> { return this.parts.config.getApiKey(id); }
  getApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> { return this.parts.config.getApiKeyByHash(hash); }
  listApiKeys(tenant: string): Promise<ApiKeyRecord[]> { return this.parts.config.listApiKeys(tenant); }
  updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined> { return this.parts.config.updateApiKey(id, patch); }
  deleteApiKey(id: string): Promise<boolean> { return this.parts.config.deleteApiKey(id); }
  touchApiKey(id: string, at: number): Promise<void> { return this.parts.config.touchApiKey(id, at); }
  getRuleSet(name: string): Promise<RuleSetInput | undefined> { return this.parts.config.getRuleSet(name); }
  listRuleSets(): Promise<RuleSetInput[]> { return this.parts.config.listRuleSets(); }
  putRuleSet(ruleSet: RuleSetInput): Promise<void> { return this.parts.config.putRuleSet(ruleSet); }
  deleteRuleSet(name: string): Promise<boolean> { return this.parts.config.deleteRuleSet(name); }
  listCategories(): Promise<CategoryInput[]> { return this.parts.config.listCategories(); }
  putCategory(category: CategoryInput): Promise<void> { return this.parts.config.putCategory(category); }
  deleteCategory(key: string): Promise<boolean> { return this.parts.config.deleteCategory(key); }
  putCredential(record: CredentialRecord): Promise<void> { return this.parts.config.putCredential(record); }
  getCredential(tenant: string, provider: string): Promise<CredentialRecord | undefined> { return this.parts.config.getCredential(tenant, provider); }
  listCredentials(tenant: string): Promise<CredentialRecord[]> { return this.parts.config.listCredentials(tenant); }
  deleteCredential(tenant: string, provider: string): Promise<boolean> { return this.parts.config.deleteCredential(tenant, provider); }

  writeRequestLogs(logs: readonly RequestLog[]): Promise<void> { return this.run('write request logs', () => this.parts.records.writeRequestLogs(logs)); }
  queryRequestLogs(query: RequestLogQuery): Promise<RequestLogPage> { return this.run('query request logs', () => this.parts.records.queryRequestLogs(query)); }
  queryDailyStats(query: DailyStatsQuery): Promise<DailyStats> { return this.run('query daily stats', () => this.parts.records.queryDailyStats(query)); }

  getSessionState(tenant: string, sessionId: string): Promise<SessionState | undefined> { return this.run('read session', () => this.parts.state.getSessionState(tenant, sessionId)); }
  putSessionState(tenant: string, sessionId: string, state: SessionState): Promise<void> { return this.run('write session', () => this.parts.state.putSessionState(tenant, sessionId, state)); }
  getLearnedContextWindow(provider: string, model: string): Promise<number | undefined> { return this.run('read context window', () => this.parts.state.getLearnedContextWindow(provider, model)); }
  putLearnedContextWindow(provider: string, model: string, contextWindow: number): Promise<void> { return this.run('write context window', () => this.parts.state.putLearnedContextWindow(provider, model, contextWindow)); }

  claimIdempotencyKey(request: IdempotencyClaimRequest): Promise<IdempotencyClaim> { return this.run('claim idempotency key', () => this.parts.idempotency.claimIdempotencyKey(request)); }
  completeIdempotencyKey(tenant: string, key: string, token: string, response: StoredResponse, expiresAt: number): Promise<void> {
    return this.run('complete idempotency key', () => this.parts.idempotency.completeIdempotencyKey(tenant, key, token, response, expiresAt));
  }
  releaseIdempotencyKey(tenant: string, key: string, token: string): Promise<void> { return this.run('release idempotency key', () => this.parts.idempotency.releaseIdempotencyKey(tenant, key, token)); }

  private async run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const result = await guarded(operation, work, (error) => this.parts.health.failure(error));
    this.parts.health.success();
    return result;
  }
}
