import type { Ledger } from '../budgets/ledger';
import type { RateLimiter } from '../limits/rate-limiter';
import type { Storage } from './storage';

/**
 * A storage backend together with the rate limiter and ledger that share it. The gateway needs
 * all three; `createMemoryStorage()` and `createMongoStorage()` both return one.
 *
 * @example
 * const storage: RefractStorage = createMemoryStorage();
 * const admission = createAdmission({ rateLimiter: storage.rateLimiter, ledger: storage.ledger });
 */
export interface RefractStorage extends Storage {
  readonly rateLimiter: RateLimiter;
  readonly ledger: Ledger;
}
