export type { IdempotencyStore, IdempotencyClaim, IdempotencyClaimRequest, StoredResponse } from './idempotency-store';
export { requestFingerprint, canonicalJson } from './fingerprint';
export {
  createIdempotency,
  type Idempotency,
  type IdempotencyOptions,
  type IdempotentRequest,
  type IdempotentResult,
} from './create-idempotency';
