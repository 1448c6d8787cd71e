export { API_KEY_PREFIX, VISIBLE_PREFIX_LENGTH, generateApiKey, hashApiKey, visiblePrefix, hashesEqual } from './api-key';
export {
  createApiKey,
  rotateApiKey,
  publicApiKey,
  type CreateApiKeyInput,
  type IssuedApiKey,
  type PublicApiKey,
} from './manage-api-keys';
export { createKeyUsageTracker, type KeyUsageTracker } from './key-usage-tracker';
export { authenticate, bearerToken, type AuthenticateOptions, type Authenticated } from './authenticate';
