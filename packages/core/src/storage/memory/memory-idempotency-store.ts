import type {
  IdempotencyClaim,
  IdempotencyClaimRequest,
  IdempotencyStore,
  StoredResponse,
} from '../../idempotency/idempotency-store';

interface Entry {
  fingerprint: string;
  token: string;
  leaseUntil: number;
  response?: StoredResponse;
  expiresAt?: number;
}

/** Idempotency records in a Map; expired ones are removed when their key is claimed again. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private lastPrune = 0;

  async claimIdempotencyKey(request: IdempotencyClaimRequest): Promise<IdempotencyClaim> {
    if (request.now - this.lastPrune >= 60_000) this.prune(request.now);
    const id = `${request.tenant}\u0000${request.key}`;
    const entry = this.entries.get(id);
    if (entry?.response && entry.expiresAt !== undefined && entry.expiresAt > request.now) {
      return { state: 'completed', fingerprint: entry.fingerprint, response: structuredClone(entry.response) };
    }
    if (entry && !entry.response && entry.leaseUntil > request.now) {
      return { state: 'in_progress', fingerprint: entry.fingerprint, leaseUntil: entry.leaseUntil };
    }
    this.entries.set(id, { fingerprint: request.fingerprint, token: request.token, leaseUntil: request.leaseUntil });
    return { state: 'claimed' };
  }

  async completeIdempotencyKey(tenant: string, key: string, token: string, response: StoredResponse, expiresAt: number): Promise<void> {
    const entry = this.entries.get(`${tenant}\u0000${key}`);
    if (!entry || entry.token !== token || entry.response) return;
    entry.response = structuredClone(response);
    entry.expiresAt = expiresAt;
  }

  async releaseIdempotencyKey(tenant: string, key: string, token: string): Promise<void> {
    const id = `${tenant}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry && entry.token === token && !entry.response) this.entries.delete(id);
  }

  /** Drops records that expired before `now`. */
  prune(now: number): void {
    this.lastPrune = now;
    for (const [id, entry] of this.entries) {
      const deadline = entry.response ? (entry.expiresAt ?? 0) : entry.leaseUntil;
      if (deadline <= now) this.entries.delete(id);
    }
  }
}
