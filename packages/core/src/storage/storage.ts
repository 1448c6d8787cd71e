import type { CategoryInput } from '../catalog/category';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import type { DailyStats, DailyStatsQuery } from '../records/daily-stats';
import type { RequestLog, RequestLogPage, RequestLogQuery } from '../records/request-log';
import type { RuleSetInput } from '../rules/rule-set-schema';
import type { Tenant } from '../tenants/tenant-schema';
import type { ApiKeyPatch, ApiKeyRecord } from './api-key-record';
import type { ConfigChangeListener } from './config-change';
import type { CredentialRecord } from './credential-record';
import type { RoutingStateStore } from './routing-state';
import type { StorageHealth } from './storage-health';

/** Tenants as stored: validated, with every default filled in. */
export interface TenantStore {
  getTenant(slug: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;
  /** Creates or replaces. The caller validates with `tenantSchema` first. */
  putTenant(tenant: Tenant): Promise<void>;
  /** Deletes the tenant with its keys and credentials (logs and stats age out by retention). */
  deleteTenant(slug: string): Promise<boolean>;
}

export interface ApiKeyStore {
  /** Stores a new key; rejects with `REFRACT_ERR_ALREADY_EXISTS` when its id or hash is taken. */
  createApiKey(key: ApiKeyRecord): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** The one lookup authentication does: by SHA-256 hex of the presented key. */
  getApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(tenant: string): Promise<ApiKeyRecord[]>;
  updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined>;
  deleteApiKey(id: string): Promise<boolean>;
  /** Moves `lastUsedAt` forward (never back). Not a config change: no listener is told. */
  touchApiKey(id: string, at: number): Promise<void>;
}

export interface RoutingConfigStore {
  listRuleSets(): Promise<RuleSetInput[]>;
  putRuleSet(ruleSet: RuleSetInput): Promise<void>;
  deleteRuleSet(name: string): Promise<boolean>;
  putCategory(category: CategoryInput): Promise<void>;
  deleteCategory(key: string): Promise<boolean>;
}

/** Provider credentials, always encrypted (see `CredentialVault`). */
export interface CredentialStore {
  putCredential(record: CredentialRecord): Promise<void>;
  getCredential(tenant: string, provider: string): Promise<CredentialRecord | undefined>;
  listCredentials(tenant: string): Promise<CredentialRecord[]>;
  deleteCredential(tenant: string, provider: string): Promise<boolean>;
}

export interface RecordStore {
  /**
   * Stores request logs and adds them to the daily stats. A log whose id is already stored is
   * skipped (stats included), so a retried batch never counts twice.
   */
  writeRequestLogs(logs: readonly RequestLog[]): Promise<void>;
  queryRequestLogs(query: RequestLogQuery): Promise<RequestLogPage>;
  queryDailyStats(query: DailyStatsQuery): Promise<DailyStats>;
}

/**
 * Everything Refract keeps: tenants, API keys, routing config, provider credentials, request
 * logs and daily stats, session state, learned context windows and idempotency records. The
 * router reads it through `RoutingStateStore`; the gateway and the admin API use the rest.
 *
 * Implementations: `createMemoryStorage()` (single process, the default) and
 * `createMongoStorage()` from `@refract/storage-mongo` (many instances). Both pass the same
 * contract suites (`@refract/core/testing`).
 */
export interface Storage
  extends RoutingStateStore,
    TenantStore,
    ApiKeyStore,
    RoutingConfigStore,
    CredentialStore,
    RecordStore,
    IdempotencyStore {
  /** Name shown in health output, e.g. `memory` or `mongodb`. */
  readonly backend: string;
  getTenant(slug: string): Promise<Tenant | undefined>;
  /**
   * Called after every change to tenants, keys, rule sets, categories or credentials, made by
   * this instance or (for shared backends) any other. Returns an unsubscribe function.
   */
  onConfigChange(listener: ConfigChangeListener): () => void;
  health(): Promise<StorageHealth>;
  /** Stops timers and watchers and closes connections this storage opened. Idempotent. */
  close(): Promise<void>;
}
