export type { EncryptedSecret } from './encrypted-secret';
export {
  createSecretBox,
  ENCRYPTION_KEY_ENV,
  PREVIOUS_ENCRYPTION_KEYS_ENV,
  type SecretBox,
  type SecretBoxOptions,
} from './secret-box';
export { createCredentialVault, type CredentialVault, type CredentialSummary } from './credential-vault';
