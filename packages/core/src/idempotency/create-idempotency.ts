import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../clock/clock';
import { RefractError } from '../errors/refract-error';
import { requestFingerprint } from './fingerprint';
import type { IdempotencyStore, StoredResponse } from './idempotency-store';

export interface IdempotencyOptions {
  store: IdempotencyStore;
  clock?: Clock;
  /** How long a completed response is replayed (default 24 h). */
  ttlMs?: number;
  /** How long a running request holds the key before a duplicate may take over (default 10 min). */
  leaseMs?: number;
  /** How often a duplicate checks a request running on another instance (default 100 ms). */
  pollIntervalMs?: number;
  /** How long a duplicate waits before giving up with 409 `REFRACT_ERR_IDEMPOTENCY_IN_PROGRESS` (default 60 s). */
  waitTimeoutMs?: number;
  /** Which responses are kept for replay (default: status below 500). Others release the key. */
  shouldStore?: (response: StoredResponse) => boolean;
}

export interface IdempotentRequest {
  tenant: string;
  /** The `Idempotency-Key` header: 1–255 visible ASCII characters. */
  key: string;
  /** The parsed request body (or its raw text): a reused key with another body is a 409. */
  body: unknown;
}

export interface IdempotentResult {
  response: StoredResponse;
  /** True when this is a stored response (or another caller's), not a fresh run. */
  replayed: boolean;
}

export interface Idempotency {
  /**
   * Runs `execute` once per (tenant, key): a repeat within the TTL gets the stored response, a
   * concurrent repeat waits for the first (in this process directly, across instances by polling
   * the store), and a repeat with a different body is rejected with `REFRACT_ERR_IDEMPOTENCY_CONFLICT`.
   * If `execute` throws, the key is released and the error propagates, so a retry runs again.
   */
  run(request: IdempotentRequest, execute: () => Promise<StoredResponse>): Promise<IdempotentResult>;
}

/**
 * Idempotency for non-streaming requests with an `Idempotency-Key` header.
 *
 * @example
 * const idempotency = createIdempotency({ store: storage });
 * const { response, replayed } = await idempotency.run({ tenant: 'acme', key, body }, async () => toStored(await handle()));
 */
export function createIdempotency(options: IdempotencyOptions): Idempotency {
  const clock = options.clock ?? systemClock;
  const ttlMs = options.ttlMs ?? 86_400_000;
  const leaseMs = options.leaseMs ?? 600_000;
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const waitTimeoutMs = options.waitTimeoutMs ?? 60_000;
  const shouldStore = options.shouldStore ?? ((response: StoredResponse) => response.status < 500);
  const local = new Map<string, { fingerprint: string; result: Promise<{ response: StoredResponse; stored: boolean }> }>();

  const conflict = (): RefractError =>
    new RefractError('REFRACT_ERR_IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was already used with a different request body', { param: 'Idempotency-Key' });

  const attempt = async (request: IdempotentRequest, fingerprint: string, execute: () => Promise<StoredResponse>): Promise<IdempotentResult> => {
    const started = Date.now();
    for (;;) {
      const token = randomBytes(12).toString('hex');
      const now = clock.now();
      const claim = await options.store.claimIdempotencyKey({
        tenant: request.tenant,
        key: request.key,
        fingerprint,
        token,
        now,
        leaseUntil: now + leaseMs,
      });
      if (claim.state !== 'claimed') {
        if (claim.fingerprint !== fingerprint) throw conflict();
        if (claim.state === 'completed') return { response: claim.response, replayed: true };
        if (Date.now() - started >= waitTimeoutMs) {
          throw new RefractError('REFRACT_ERR_IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running; retry later', { param: 'Idempotency-Key' });
        }
        await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
        continue;
      }
      let response: StoredResponse;
      try {
        response = await execute();
      } catch (error) {
        await options.store.releaseIdempotencyKey(request.tenant, request.key, token).catch(() => {});
        throw error;
      }
      if (shouldStore(response)) {
        await options.store.completeIdempotencyKey(request.tenant, request.key, token, response, clock.now() + ttlMs);
      } else {
        await options.store.releaseIdempotencyKey(request.tenant, request.key, token);
      }
      return { response, replayed: false };
    }
  };

  return {
    async run(request, execute) {
      validateKey(request.key);
      const fingerprint = requestFingerprint(request.body);
      const id = `${request.tenant}\u0000${request.key}`;
      for (;;) {
        const running = local.get(id);
        if (!running) break;
        if (running.fingerprint !== fingerprint) throw conflict();
        const first = await running.result.catch(() => undefined);
        if (first?.stored) return { response: first.response, replayed: true };
        // The first run failed or was not kept: this caller runs it (unless another waiter already does).
        if (local.get(id) === running) local.delete(id);
      }
      const result = attempt(request, fingerprint, execute);
      const entry = {
        fingerprint,
        result: result.then((outcome) => ({ response: outcome.response, stored: outcome.replayed || shouldStore(outcome.response) })),
      };
      entry.result.catch(() => {});
      local.set(id, entry);
      try {
        return await result;
      } finally {
        if (local.get(id) === entry) local.delete(id);
      }
    },
  };
}

function validateKey(key: string): void {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new RefractError('REFRACT_ERR_VALIDATION', 'Idempotency-Key must be 1–255 visible ASCII characters', { param: 'Idempotency-Key' });
  }
}
