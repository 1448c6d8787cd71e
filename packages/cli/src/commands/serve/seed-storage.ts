import type { Environment } from '@refract/adapters';
import { API_KEY_PREFIX, hashApiKey, tenantSchema, visiblePrefix, type RefractStorage, type RouterConfig } from '@refract/core';
import { ConfigError } from '../../config/config-error';
import type { ConfigApiKey } from './serve-file-config';

/** Shortest key accepted from `serve.apiKeys[].keyEnv`. */
const MIN_KEY_LENGTH = 16;

/**
 * Puts the config file's tenants and `serve.apiKeys` into the (in-memory) storage, so keys can be
 * checked, and the admin API can list them and issue more keys for them. A key's value is read
 * from its `keyEnv` variable and only its SHA-256 is stored.
 *
 * @throws ConfigError for a key of an unknown tenant, an unset or short key variable, or a key declared twice.
 */
export async function seedStorage(storage: RefractStorage, config: RouterConfig, apiKeys: readonly ConfigApiKey[], env: Environment, source: string): Promise<void> {
  const problems: string[] = [];
  const tenants = new Map(config.tenants.map((tenant) => [tenant.slug, tenant]));
  const hashes = new Set<string>();
  const records = apiKeys.flatMap((declared, index) => {
    const path = `serve.apiKeys.${index}`;
    if (!tenants.has(declared.tenant) && declared.tenant !== config.defaultTenant) {
      problems.push(`${path}.tenant: no tenant '${declared.tenant}' in "tenants" (nor is it the default tenant '${config.defaultTenant}')`);
      return [];
    }
    let hash: string;
    let prefix: string;
    if (declared.keyEnv !== undefined) {
      const value = env[declared.keyEnv]?.trim();
      if (value === undefined || value === '') {
        problems.push(`${path}.keyEnv: ${declared.keyEnv} is not set`);
        return [];
      }
      if (value.length < MIN_KEY_LENGTH) {
        problems.push(`${path}.keyEnv: the key in ${declared.keyEnv} is shorter than ${MIN_KEY_LENGTH} characters`);
        return [];
      }
      hash = hashApiKey(value);
      prefix = value.startsWith(API_KEY_PREFIX) ? visiblePrefix(value) : `env:${declared.keyEnv}`;
    } else {
      hash = declared.sha256 as string;
      prefix = `sha256:${hash.slice(0, 8)}`;
    }
    if (hashes.has(hash)) {
      problems.push(`${path}: the same key is declared twice`);
      return [];
    }
    hashes.add(hash);
    return [{ id: `key_config_${index}`, tenant: declared.tenant, hash, prefix, enabled: true, createdAt: Date.now(), ...(declared.label !== undefined ? { label: declared.label } : {}) }];
  });
  if (problems.length > 0) throw new ConfigError(`invalid API keys in ${source}`, problems, 'Keys are read from the environment variable each entry names (see packages/cli/README.md ("refract serve")).');
  for (const tenant of tenants.values()) await storage.putTenant(tenant);
  for (const record of records) {
    if (!(await storage.getTenant(record.tenant))) await storage.putTenant(tenantSchema.parse({ slug: record.tenant }));
    await storage.createApiKey(record);
  }
}
