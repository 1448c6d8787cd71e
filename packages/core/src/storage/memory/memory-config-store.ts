import type { CategoryInput } from '../../catalog/category';
import { type Clock, systemClock } from '../../clock/clock';
import { RefractError } from '../../errors/refract-error';
import type { RuleSetInput } from '../../rules/rule-set-schema';
import type { Tenant } from '../../tenants/tenant-schema';
import type { ApiKeyPatch, ApiKeyRecord } from '../api-key-record';
import { ConfigChangeEmitter, type ConfigChange, type ConfigChangeListener } from '../config-change';
import type { CredentialRecord } from '../credential-record';
import { applyApiKeyPatch } from '../apply-api-key-patch';

/**
 * Tenants, keys, rule sets, categories and credentials in Maps. Values are deep-copied on the way
 * in and out, so callers can never mutate what is stored. Every change is announced to
 * `onConfigChange` listeners synchronously.
 */
export class MemoryConfigStore {
  protected readonly clock: Clock;
  private readonly tenants = new Map<string, Tenant>();
  private readonly keys = new Map<string, ApiKeyRecord>();
  private readonly keyIdsByHash = new Map<string, string>();
  private readonly ruleSets = new Map<string, RuleSetInput>();
  private readonly categories = new Map<string, CategoryInput>();
  private readonly credentials = new Map<string, CredentialRecord>();
  private readonly emitter: ConfigChangeEmitter;

  constructor(clock: Clock = systemClock, onListenerError?: (error: unknown) => void) {
    this.clock = clock;
    this.emitter = new ConfigChangeEmitter(onListenerError);
  }

  onConfigChange(listener: ConfigChangeListener): () => void {
    return this.emitter.subscribe(listener);
  }

  async getTenant(slug: string): Promise<Tenant | undefined> {
    return copy(this.tenants.get(slug));
  }

  async listTenants(): Promise<Tenant[]> {
    return [...this.tenants.values()].sort((a, b) => a.slug.localeCompare(b.slug)).map((tenant) => structuredClone(tenant));
  }

  async putTenant(tenant: Tenant): Promise<void> {
    this.tenants.set(tenant.slug, structuredClone(tenant));
    this.changed({ kind: 'tenant', id: tenant.slug, tenant: tenant.slug });
  }

  async deleteTenant(slug: string): Promise<boolean> {
    if (!this.tenants.delete(slug)) return false;
    for (const key of [...this.keys.values()]) if (key.tenant === slug) await this.deleteApiKey(key.id);
    for (const [id, credential] of [...this.credentials]) {
      if (credential.tenant === slug) this.credentials.delete(id);
    }
    this.changed({ kind: 'tenant', id: slug, tenant: slug });
    return true;
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    if (this.keys.has(key.id) || this.keyIdsByHash.has(key.hash)) {
      throw new RefractError('REFRACT_ERR_ALREADY_EXISTS', `An API key with this id or hash already exists (${key.prefix}…)`);
    }
    this.keys.set(key.id, structuredClone(key));
    this.keyIdsByHash.set(key.hash, key.id);
    this.changed({ kind: 'api_key', id: key.id, tenant: key.tenant });
  }

  async getApiKey(id: string): Promise<ApiKeyRecord | undefined> {
    return copy(this.keys.get(id));
  }

  async getApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const id = this.keyIdsByHash.get(hash);
    return id === undefined ? undefined : copy(this.keys.get(id));
  }

  async listApiKeys(tenant: string): Promise<ApiKeyRecord[]> {
    return [...this.keys.values()]
      .filter((key) => key.tenant === tenant)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((key) => structuredClone(key));
  }

  async updateApiKey(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined> {
    const current = this.keys.get(id);
    if (!current) return undefined;
    if (patch.hash !== undefined && patch.hash !== current.hash && this.keyIdsByHash.has(patch.hash)) {
      throw new RefractError('REFRACT_ERR_ALREADY_EXISTS', 'An API key with this hash already exists');
    }
    const next = applyApiKeyPatch(current, patch);
    this.keyIdsByHash.delete(current.hash);
    this.keyIdsByHash.set(next.hash, id);
    this.keys.set(id, next);
    this.changed({ kind: 'api_key', id, tenant: next.tenant });
    return structuredClone(next);
  }

  async deleteApiKey(id: string): Promise<boolean> {
    const current = this.keys.get(id);
    if (!current) return false;
    this.keys.delete(id);
    this.keyIdsByHash.delete(current.hash);
    this.changed({ kind: 'api_key', id, tenant: current.tenant });
    return true;
  }

  async touchApiKey(id: string, at: number): Promise<void> {
    const current = this.keys.get(id);
    if (current && (current.lastUsedAt ?? 0) < at) current.lastUsedAt = at;
  }

  async getRuleSet(name: string): Promise<RuleSetInput | undefined> {
    return copy(this.ruleSets.get(name));
  }

  async listRuleSets(): Promise<RuleSetInput[]> {
    return [...this.ruleSets.values()].sort((a, b) => a.name.localeCompare(b.name)).map((set) => structuredClone(set));
  }

  async putRuleSet(ruleSet: RuleSetInput): Promise<void> {
    this.ruleSets.set(ruleSet.name, structuredClone(ruleSet));
    this.changed({ kind: 'rule_set', id: ruleSet.name });
  }

  async deleteRuleSet(name: string): Promise<boolean> {
    if (!this.ruleSets.delete(name)) return false;
    this.changed({ kind: 'rule_set', id: name });
    return true;
  }

  async listCategories(): Promise<CategoryInput[]> {
    return [...this.categories.values()].sort((a, b) => a.key.localeCompare(b.key)).map((category) => structuredClone(category));
  }

  async putCategory(category: CategoryInput): Promise<void> {
    this.categories.set(category.key, structuredClone(category));
    this.changed({ kind: 'category', id: category.key });
  }

  async deleteCategory(key: string): Promise<boolean> {
    if (!this.categories.delete(key)) return false;
    this.changed({ kind: 'category', id: key });
    return true;
  }

  async putCredential(record: CredentialRecord): Promise<void> {
    this.credentials.set(credentialId(record.tenant, record.provider), structuredClone(record));
    this.changed({ kind: 'credential', id: credentialId(record.tenant, record.provider), tenant: record.tenant });
  }

  async getCredential(tenant: string, provider: string): Promise<CredentialRecord | undefined> {
    return copy(this.credentials.get(credentialId(tenant, provider)));
  }

  async listCredentials(tenant: string): Promise<CredentialRecord[]> {
    return [...this.credentials.values()]
      .filter((record) => record.tenant === tenant)
      .sort((a, b) => a.provider.localeCompare(b.provider))
      .map((record) => structuredClone(record));
  }

  async deleteCredential(tenant: string, provider: string): Promise<boolean> {
    if (!this.credentials.delete(credentialId(tenant, provider))) return false;
    this.changed({ kind: 'credential', id: credentialId(tenant, provider), tenant });
    return true;
  }

  private changed(change: Omit<ConfigChange, 'at'>): void {
    this.emitter.emit({ ...change, at: this.clock.now() });
  }
}

function credentialId(tenant: string, provider: string): string {
  return `${tenant}:${provider}`;
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
