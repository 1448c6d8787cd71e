import {
  type ApiKeyPatch,
  type ApiKeyRecord,
  applyApiKeyPatch,
  type CategoryInput,
  type ConfigChange,
  type CredentialRecord,
  RefractError,
  type RuleSetInput,
  type Tenant,
} from '@refract/core';
import type { Collections } from '../collections';
import type { ConfigChangeLog } from '../feed/config-change-log';
import type { HealthTracker } from '../health-tracker';
import { guarded, isDuplicateKeyError, stripFields, withoutUndefined } from '../mongo-errors';
import { ConfigCache } from './config-cache';

export interface ConfigStoreOptions {
  collections: Collections;
  changes: ConfigChangeLog;
  health: HealthTracker;
  now: () => number;
  cacheTtlMs: number;
}

/**
 * Tenants, API keys, rule sets, categories and credentials in MongoDB. Reads used on every
 * request (tenant, key by hash, rule set, categories) go through caches that the change feed
 * invalidates; every write appends to the change log so other instances invalidate too.
 */
export class MongoConfigStore {
  private readonly tenants: ConfigCache<Tenant>;
  private readonly keys: ConfigCache<ApiKeyRecord>;
  private readonly ruleSets: ConfigCache<RuleSetInput>;
  private readonly categories: ConfigCache<CategoryInput[]>;
  private readonly collections: Collections;

  constructor(private readonly options: ConfigStoreOptions) {
    const cache = { ttlMs: options.cacheTtlMs, now: options.now, health: options.health };
    this.tenants = new ConfigCache({ ...cache, negativeTtlMs: 5_000, max: 10_000 });
    this.keys = new ConfigCache({ ...cache, negativeTtlMs: 5_000, max: 50_000 });
    this.ruleSets = new ConfigCache({ ...cache, negativeTtlMs: 5_000, max: 1_000 });
    this.categories = new ConfigCache({ ...cache, negativeTtlMs: 0, max: 1 });
    this.collections = options.collections;
  }

  /** Drops cached entries a change makes stale (called for local and remote changes alike). */
  invalidate(change: Pick<ConfigChange, 'kind' | 'id' | 'tenant'>): void {
    switch (change.kind) {
      case 'tenant':
        if (change.id !== undefined) this.tenants.delete(change.id);
        this.keys.deleteWhere((key) => key === null || key.tenant === change.id);
        break;
      case 'api_key':
        this.keys.deleteWhere((key) => key === null || key.id === change.id);
        break;
      case 'rule_set':
        if (change.id !== undefined) this.ruleSets.delete(change.id);
        break;
      case 'category':
        this.categories.clear();
        break;
      case 'credential':
        break;
      default:
        this.tenants.clear();
        this.keys.clear();
        this.ruleSets.clear();
        this.categories.clear();
    }
  }

  get cachedEntries(): number {
    return this.tenants.size + this.keys.size + this.ruleSets.size + this.categories.size;
  }

  getTenant(slug: string): Promise<Tenant | undefined> {
    return this.tenants.get(slug, () =>
      this.run('read tenant', async () => {
        const document = await this.collections.tenants.findOne({ _id: slug as never });
        return document ? (document['tenant'] as Tenant) : undefined;
      }),
    );
  }

  listTenants(): Promise<Tenant[]> {
    return this.run('list tenants', async () => {
      const documents = await this.collections.tenants.find({}).sort({ _id: 1 }).toArray();
      return documents.map((document) => document['tenant'] as Tenant);
    });
  }

  async putTenant(tenant: Tenant): Promise<void> {
    await this.run('write tenant', () =>
      this.collections.tenants.replaceOne(
        { _id: tenant.slug as never },
        { tenant: withoutUndefined(tenant), updatedAt: new Date(this.options.now()) },
        { upsert: true },
      ),
    );
    await this.changed({ kind: 'tenant', id: tenant.slug, tenant: tenant.slug });
  }

  async deleteTenant(slug: string): Promise<boolean> {
    const result = await this.run('delete tenant', () => this.collections.tenants.deleteOne({ _id: slug as never }));
    await this.run('delete tenant keys', () => this.collections.api_keys.deleteMany({ tenant: slug }));
    await this.run('delete tenant credentials', () => this.collections.credentials.deleteMany({ tenant: slug }));
    if (result.deletedCount === 0) return false;
    await this.changed({ kind: 'tenant', id: slug, tenant: slug });
    return true;
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    try {
      await this.collections.api_keys.insertOne({ ...withoutUndefined(key), _id: key.id as never });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new RefractError('REFRACT_ERR_ALREADY_EXISTS', `An API key with this id or hash already exists (${key.prefix}…)`);
      }
      await this.run('create API key', () => Promise.reject(error));
    }
    await this.changed({ kind: 'api_key', id: key.id, tenant: key.tenant });
  }

  getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    return this.run('read API key', async () => {
      const document = await this.collections.api_keys.findOne({ _id: id as never });
      return document ? stripFields<ApiKeyRecord>(document) : undefined;
    });
  }

  getApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    return this.keys.get(hash, () =>
      this.run('read API key', async () => {
        const document = await this.collections.api_keys.findOne({ hash });
        return document ? stripFields<ApiKeyRecord>(document) : undefined;
      }),
    );
  }

  listApiKeys(tenant: string): Promise<ApiKeyRecord[]> {
    return this.run('list API keys', async () => {
      const documents = await this.collections.api_keys.find({ tenant }).sort({ createdAt: 1, _id: 1 }).toArray();
      return documents.map((document) => stripFields<ApiKeyRecord>(document));
    });
  }

  async updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined> {
    const current = await this.getApiKey(id);
    if (!current) return undefined;
    const next = applyApiKeyPatch(current, patch);
    try {
      const result = await this.collections.api_keys.replaceOne({ _id: id as never }, withoutUndefined(next));
      if (result.matchedCount === 0) return undefined;
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new RefractError('REFRACT_ERR_ALREADY_EXISTS', 'An API key with this hash already exists');
      await this.run('update API key', () => Promise.reject(error));
    }
    await this.changed({ kind: 'api_key', id, tenant: next.tenant });
    return next;
  }

  async deleteApiKey(id: string): Promise<boolean> {
    const document = await this.run('delete API key', () => this.collections.api_keys.findOneAndDelete({ _id: id as never }));
    if (!document) return false;
    await this.changed({ kind: 'api_key', id, tenant: String(document['tenant']) });
    return true;
  }

  async touchApiKey(id: string, at: number): Promise<void> {
    await this.run('touch API key', () => this.collections.api_keys.updateOne({ _id: id as never }, { $max: { lastUsedAt: at } }));
  }

  getRuleSet(name: string): Promise<RuleSetInput | undefined> {
    return this.ruleSets.get(name, () =>
      this.run('read rule set', async () => {
        const document = await this.collections.rule_sets.findOne({ _id: name as never });
        return document ? (document['ruleSet'] as RuleSetInput) : undefined;
      }),
    );
  }

  listRuleSets(): Promise<RuleSetInput[]> {
    return this.run('list rule sets', async () =>
      (await this.collections.rule_sets.find({}).sort({ _id: 1 }).toArray()).map((document) => document['ruleSet'] as RuleSetInput),
    );
  }

  async putRuleSet(ruleSet: RuleSetInput): Promise<void> {
    await this.run('write rule set', () =>
      this.collections.rule_sets.replaceOne({ _id: ruleSet.name as never }, { ruleSet: withoutUndefined(ruleSet), updatedAt: new Date(this.options.now()) }, { upsert: true }),
    );
    await this.changed({ kind: 'rule_set', id: ruleSet.name });
  }

  async deleteRuleSet(name: string): Promise<boolean> {
    const result = await this.run('delete rule set', () => this.collections.rule_sets.deleteOne({ _id: name as never }));
    if (result.deletedCount === 0) return false;
    await this.changed({ kind: 'rule_set', id: name });
    return true;
  }

  async listCategories(): Promise<CategoryInput[]> {
    return (
      (await this.categories.get('all', () =>
        this.run('list categories', async () =>
          (await this.collections.categories.find({}).sort({ _id: 1 }).toArray()).map((document) => document['category'] as CategoryInput),
        ),
      )) ?? []
    );
  }

  async putCategory(category: CategoryInput): Promise<void> {
    await this.run('write category', () =>
      this.collections.categories.replaceOne({ _id: category.key as never }, { category: withoutUndefined(category), updatedAt: new Date(this.options.now()) }, { upsert: true }),
    );
    await this.changed({ kind: 'category', id: category.key });
  }

  async deleteCategory(key: string): Promise<boolean> {
    const result = await this.run('delete category', () => this.collections.categories.deleteOne({ _id: key as never }));
    if (result.deletedCount === 0) return false;
    await this.changed({ kind: 'category', id: key });
    return true;
  }

  async putCredential(record: CredentialRecord): Promise<void> {
    const id = `${record.tenant}:${record.provider}`;
    await this.run('write credential', () => this.collections.credentials.replaceOne({ _id: id as never }, withoutUndefined(record), { upsert: true }));
    await this.changed({ kind: 'credential', id, tenant: record.tenant });
  }

  getCredential(tenant: string, provider: string): Promise<CredentialRecord | undefined> {
    return this.run('read credential', async () => {
      const document = await this.collections.credentials.findOne({ _id: `${tenant}:${provider}` as never });
      return document ? stripFields<CredentialRecord>(document) : undefined;
    });
  }

  listCredentials(tenant: string): Promise<CredentialRecord[]> {
    return this.run('list credentials', async () =>
      (await this.collections.credentials.find({ tenant }).sort({ provider: 1 }).toArray()).map((document) => stripFields<CredentialRecord>(document)),
    );
  }

  async deleteCredential(tenant: string, provider: string): Promise<boolean> {
    const id = `${tenant}:${provider}`;
    const result = await this.run('delete credential', () => this.collections.credentials.deleteOne({ _id: id as never }));
    if (result.deletedCount === 0) return false;
    await this.changed({ kind: 'credential', id, tenant });
    return true;
  }

  private async changed(change: Omit<ConfigChange, 'at'>): Promise<void> {
    this.invalidate(change);
    await this.run('record config change', () => this.options.changes.record(change));
  }

  private async run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    const result = await guarded(operation, work, (error) => this.options.health.failure(error));
    this.options.health.success();
    return result;
  }
}
