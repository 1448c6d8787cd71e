import { GLOBAL_CREDENTIAL_SCOPE } from '../storage/credential-record';
import type { CredentialStore } from '../storage/storage';
import type { Clock } from '../clock/clock';
import { systemClock } from '../clock/clock';
import type { SecretBox } from './secret-box';

/** A credential as listed: never the secret, only where it is and which key sealed it. */
export interface CredentialSummary {
  tenant: string;
  provider: string;
  label?: string;
  keyId: string;
  createdAt: number;
  updatedAt: number;
}

export interface CredentialVault {
  put(tenant: string, provider: string, secret: string, label?: string): Promise<CredentialSummary>;
  /** The plain secret, in memory only: the tenant's own, else the global (`*`) one, else undefined. */
  get(tenant: string, provider: string): Promise<string | undefined>;
  list(tenant: string): Promise<CredentialSummary[]>;
  delete(tenant: string, provider: string): Promise<boolean>;
}

/**
 * Provider credentials encrypted at rest. Storage only ever sees ciphertext; `get` decrypts in
 * memory when a provider call needs the secret. Each ciphertext is bound to its tenant and
 * provider, so one tenant's stored secret cannot be replayed as another's.
 *
 * @example
 * const vault = createCredentialVault({ store: storage, box: createSecretBox() });
 * await vault.put('acme', 'openai', 'sk-live-…');
 * const apiKey = await vault.get('acme', 'openai');
 */
export function createCredentialVault(options: { store: CredentialStore; box: SecretBox; clock?: Clock }): CredentialVault {
  const { store, box } = options;
  const clock = options.clock ?? systemClock;
  const aad = (tenant: string, provider: string): string => `refract:credential:${tenant}:${provider}`;

  return {
    async put(tenant, provider, secret, label) {
      const now = clock.now();
      const existing = await store.getCredential(tenant, provider);
      const record = {
        tenant,
        provider,
        secret: box.encrypt(secret, aad(tenant, provider)),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        ...(label !== undefined ? { label } : {}),
      };
      await store.putCredential(record);
      return summary(record);
    },
    async get(tenant, provider) {
      const own = await store.getCredential(tenant, provider);
      if (own) return box.decrypt(own.secret, aad(own.tenant, own.provider));
      if (tenant === GLOBAL_CREDENTIAL_SCOPE) return undefined;
      const shared = await store.getCredential(GLOBAL_CREDENTIAL_SCOPE, provider);
      return shared ? box.decrypt(shared.secret, aad(shared.tenant, shared.provider)) : undefined;
    },
    async list(tenant) {
      return (await store.listCredentials(tenant)).map(summary);
    },
    delete(tenant, provider) {
      return store.deleteCredential(tenant, provider);
    },
  };
}

function summary(record: { tenant: string; provider: string; label?: string; secret: { kid: string }; createdAt: number; updatedAt: number }): CredentialSummary {
  return {
    tenant: record.tenant,
    provider: record.provider,
    ...(record.label !== undefined ? { label: record.label } : {}),
    keyId: record.secret.kid,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
