export type { RoutingStateStore, SessionState } from './routing-state';
export type {
  Storage,
  TenantStore,
  ApiKeyStore,
  RoutingConfigStore,
  CredentialStore,
  RecordStore,
} from './storage';
export type { ApiKeyRecord, ApiKeyPatch, ApiKeyLimits } from './api-key-record';
export { applyApiKeyPatch } from './apply-api-key-patch';
export { GLOBAL_CREDENTIAL_SCOPE, type CredentialRecord } from './credential-record';
export {
  ConfigChangeEmitter,
  type ConfigChange,
  type ConfigChangeKind,
  type ConfigChangeListener,
} from './config-change';
export type { StorageHealth, ChangeFeedMode } from './storage-health';
export type { RefractStorage } from './refract-storage';
export { createMemoryStorage, type MemoryStorageOptions } from './memory/create-memory-storage';
export { MemoryRateWindowStore } from './memory/memory-rate-window-store';
export { MemoryLedgerStore } from './memory/memory-ledger-store';
