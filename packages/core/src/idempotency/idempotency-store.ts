/** A response kept for replay: enough to rebuild the HTTP response byte for byte. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface IdempotencyClaimRequest {
  tenant: string;
  key: string;
  /** SHA-256 of the canonical request body. */
  fingerprint: string;
  /** Random token identifying this claim; `complete` and `release` must present it. */
  token: string;
  now: number;
  /** How long the claimant may take before another caller may take over (epoch ms). */
  leaseUntil: number;
}

/**
 * The outcome of a claim: `claimed` (run the request), `in_progress` (someone else is running
 * it), or `completed` (replay `response`). The fingerprint lets the caller detect a reused key
 * with a different body.
 */
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'in_progress'; fingerprint: string; leaseUntil: number }
  | { state: 'completed'; fingerprint: string; response: StoredResponse };

/** Storage side of idempotency; `createIdempotency` holds the logic. */
export interface IdempotencyStore {
  /** Atomically claims the key unless a live record holds it (a completed one, or an unexpired lease). */
  claimIdempotencyKey(request: IdempotencyClaimRequest): Promise<IdempotencyClaim>;
  /** Stores the response for replay until `expiresAt`; ignored unless `token` still holds the claim. */
  completeIdempotencyKey(tenant: string, key: string, token: string, response: StoredResponse, expiresAt: number): Promise<void>;
  /** Gives the claim up (the request failed), so that a retry runs again. */
  releaseIdempotencyKey(tenant: string, key: string, token: string): Promise<void>;
}
