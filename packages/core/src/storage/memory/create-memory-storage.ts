import { createLedger } from '../../budgets/create-ledger';
import type { Ledger } from '../../budgets/ledger';
import { type Clock, systemClock } from '../../clock/clock';
import type { IdempotencyClaim, IdempotencyClaimRequest, StoredResponse } from '../../idempotency/idempotency-store';
import { createRateLimiter } from '../../limits/create-rate-limiter';
import type { RateLimiter } from '../../limits/rate-limiter';
import type { DailyStats, DailyStatsQuery } from '../../records/daily-stats';
import type { RequestLog, RequestLogPage, RequestLogQuery } from '../../records/request-log';
import type { SessionState } from '../routing-state';
import type { RefractStorage } from '../refract-storage';
import type { StorageHealth } from '../storage-health';
import { MemoryConfigStore } from './memory-config-store';
import { MemoryIdempotencyStore } from './memory-idempotency-store';
import { MemoryLedgerStore } from './memory-ledger-store';
import { MemoryRateWindowStore } from './memory-rate-window-store';
import { MemoryRecordStore } from './memory-record-store';

export interface MemoryStorageOptions {
  clock?: Clock;
  /** Request logs kept in memory before the oldest are dropped (default 100 000). */
  maxLogs?: number;
  /** Session state idle longer than this is forgotten (default 24 h). */
  sessionTtlMs?: number;
  /** Ledger reservations not settled within this are released by `ledger.sweep()` (default 15 min). */
  reservationTtlMs?: number;
}

/**
 * The single-process default: everything in memory, exact within this process, gone on restart.
 * Rate limits and budgets are per process; run `@refract/storage-mongo` to share them between
 * instances.
 *
 * @example
 * const storage = createMemoryStorage();
 * await storage.putTenant(tenantSchema.parse({ slug: 'acme' }));
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): RefractStorage {
  return new MemoryStorage(options);
}

class MemoryStorage extends MemoryConfigStore implements RefractStorage {
  readonly backend = 'memory';
  readonly rateLimiter: RateLimiter;
  readonly ledger: Ledger;
  private readonly records: MemoryRecordStore;
  private readonly idempotency = new MemoryIdempotencyStore();
  private readonly ledgerStore = new MemoryLedgerStore();
  private readonly sessions = new Map<string, SessionState>();
  private readonly contextWindows = new Map<string, number>();
  private readonly sessionTtlMs: number;

  constructor(options: MemoryStorageOptions) {
    const clock = options.clock ?? systemClock;
    super(clock);
    this.records = new MemoryRecordStore(options.maxLogs);
    this.sessionTtlMs = options.sessionTtlMs ?? 86_400_000;
    this.rateLimiter = createRateLimiter({ store: new MemoryRateWindowStore(clock), clock });
    const ledgerOptions = { store: this.ledgerStore, clock, ...(options.reservationTtlMs ? { reservationTtlMs: options.reservationTtlMs } : {}) };
    const ledger = createLedger(ledgerOptions);
    let lastSweep = clock.now();
    // No timers in memory: reservations a caller never settled are swept lazily, at most once a minute.
    this.ledger = {
      ...ledger,
      reserve: async (request) => {
        if (clock.now() - lastSweep >= 60_000) {
          lastSweep = clock.now();
          await ledger.sweep();
        }
        return ledger.reserve(request);
      },
    };
  }

  async getSessionState(tenant: string, sessionId: string): Promise<SessionState | undefined> {
    const state = this.sessions.get(`${tenant}\u0000${sessionId}`);
    if (!state) return undefined;
    if (state.updatedAt + this.sessionTtlMs <= this.clock.now()) {
      this.sessions.delete(`${tenant}\u0000${sessionId}`);
      return undefined;
    }
    return { ...state };
  }

  async putSessionState(tenant: string, sessionId: string, state: SessionState): Promise<void> {
    this.sessions.set(`${tenant}\u0000${sessionId}`, { ...state });
    if (this.sessions.size % 1000 === 0) this.pruneSessions();
  }

  async getLearnedContextWindow(provider: string, model: string): Promise<number | undefined> {
    return this.contextWindows.get(`${provider}\u0000${model}`);
  }

  async putLearnedContextWindow(provider: string, model: string, contextWindow: number): Promise<void> {
    this.contextWindows.set(`${provider}\u0000${model}`, contextWindow);
  }

  writeRequestLogs(logs: readonly RequestLog[]): Promise<void> {
    return this.records.writeRequestLogs(logs);
  }

  queryRequestLogs(query: RequestLogQuery): Promise<RequestLogPage> {
    return this.records.queryRequestLogs(query);
  }

  queryDailyStats(query: DailyStatsQuery): Promise<DailyStats> {
    return this.records.queryDailyStats(query);
  }

  claimIdempotencyKey(request: IdempotencyClaimRequest): Promise<IdempotencyClaim> {
    return this.idempotency.claimIdempotencyKey(request);
  }

  completeIdempotencyKey(tenant: string, key: string, token: string, response: StoredResponse, expiresAt: number): Promise<void> {
    return this.idempotency.completeIdempotencyKey(tenant, key, token, response, expiresAt);
  }

  releaseIdempotencyKey(tenant: string, key: string, token: string): Promise<void> {
    return this.idempotency.releaseIdempotencyKey(tenant, key, token);
  }

  async health(): Promise<StorageHealth> {
    return { backend: this.backend, status: 'ok', changeFeed: 'local', servingFromCache: false, checkedAt: this.clock.now() };
  }

  async close(): Promise<void> {
    // Nothing to release: no timers, no connections.
  }

  private pruneSessions(): void {
    const cutoff = this.clock.now() - this.sessionTtlMs;
    for (const [id, state] of this.sessions) if (state.updatedAt <= cutoff) this.sessions.delete(id);
  }
}
