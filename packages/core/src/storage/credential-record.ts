import type { EncryptedSecret } from '../secrets/encrypted-secret';

/** Tenant value for credentials shared by every tenant. */
export const GLOBAL_CREDENTIAL_SCOPE = '*';

/**
 * A provider credential (API key, secret access key, …) as stored: always encrypted. Only
 * `CredentialVault` turns it back into plain text, in memory, when a provider call needs it.
 */
export interface CredentialRecord {
  /** A tenant slug, or `*` for a credential every tenant may use. */
  tenant: string;
  /** Provider instance id, e.g. `openai` or `bedrock-eu`. */
  provider: string;
  secret: EncryptedSecret;
  label?: string;
  createdAt: number;
  updatedAt: number;
}
