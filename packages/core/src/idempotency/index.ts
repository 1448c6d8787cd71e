export type { IdempotencyStore, IdempotencyClaim, IdempotencyClaimRequest, StoredResponse } from './idempotency-store';
export { requestFingerprint, canonicalJson } from './fingerprint';
export {
  createIdempotency,
  type Idempotency,
  type IdempotencyOptions,
  type IdempotentRequest,
  type IdempotentResult,
} from './create-idempotency';
export { storedFromResponse, responseFromStored, IDEMPOTENT_REPLAYED_HEADER } from './stored-response';
