import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../clock/clock';
import { BUDGET_WINDOW_KINDS, type BudgetWindow, type BudgetWindowKind, windowAt } from './budget-window';
import type {
  Ledger,
  LedgerAmounts,
  LedgerCaps,
  LedgerCounters,
  LedgerLimit,
  LedgerStore,
  Reservation,
  ReserveOutcome,
  ReserveRequest,
  WindowUsage,
} from './ledger';
import { microsFromUsd } from './money';

export interface CreateLedgerOptions {
  store: LedgerStore;
  clock?: Clock;
  /** How long a reservation is held before `sweep` may release it (default 15 minutes). */
  reservationTtlMs?: number;
}

/**
 * The budget ledger over any `LedgerStore`. A reservation is counted in the day, week and month
 * windows that contain the admission time (always all three, so a budget added mid-month still
 * sees the month's spend); the request's cost belongs to those windows even if it finishes in
 * the next one. Windows are reserved one at a time; if a later one refuses, the earlier ones are
 * released, so a concurrent request may briefly see them as taken (conservative, never over).
 *
 * @example
 * const ledger = createLedger({ store: new MemoryLedgerStore(), clock });
 */
export function createLedger(options: CreateLedgerOptions): Ledger {
  const clock = options.clock ?? systemClock;
  const ttlMs = options.reservationTtlMs ?? 15 * 60_000;
  const { store } = options;

  const releaseWindows = async (reservation: Reservation, windows: readonly BudgetWindow[]): Promise<void> => {
    for (const window of windows) {
      await store.release(reservation.tenant, window, reservation.id, reservation.amounts);
    }
  };

  return {
    async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
      validateAmounts(request.amounts);
      const now = clock.now();
      const reservation: Reservation = {
        id: `res_${randomBytes(12).toString('hex')}`,
        tenant: request.tenant,
        amounts: { ...request.amounts },
        windows: BUDGET_WINDOW_KINDS.map((kind) => windowAt(kind, now)),
        createdAt: now,
      };
      const usage: WindowUsage[] = [];
      for (const [index, window] of reservation.windows.entries()) {
        const limits = request.limits.filter((limit) => limit.window === window.kind && limit.enforcement === 'hard_block');
        const result = await store.reserve(
          request.tenant,
          window,
          reservation.id,
          { amounts: reservation.amounts, expiresAt: now + ttlMs },
          capsFor(limits),
        );
        if (!result.applied) {
          await releaseWindows(reservation, reservation.windows.slice(0, index));
          const limit = violatedLimit(limits, result.counters, reservation.amounts) ?? limits[0];
          if (!limit) throw new Error('ledger store refused a reservation without any cap');
          return {
            ok: false,
            limit,
            usage: { tenant: request.tenant, window, counters: result.counters },
            retryAfterMs: Math.max(1, window.end - now),
          };
        }
        usage.push({ tenant: request.tenant, window, counters: result.counters });
      }
      return { ok: true, reservation, usage };
    },

    async settle(reservation: Reservation, actual: LedgerAmounts): Promise<void> {
      validateAmounts(actual);
      for (const window of reservation.windows) {
        await store.settle(reservation.tenant, window, reservation.id, reservation.amounts, actual);
      }
    },

    async release(reservation: Reservation): Promise<void> {
      await releaseWindows(reservation, reservation.windows);
    },

    async usage(tenant: string, kind: BudgetWindowKind, at?: number): Promise<WindowUsage> {
      const window = windowAt(kind, at ?? clock.now());
      return { tenant, window, counters: await store.read(tenant, window) };
    },

    async sweep(): Promise<number> {
      let released = 0;
      for (;;) {
        const expired = await store.expiredReservations(clock.now(), 500);
        if (expired.length === 0) return released;
        let progress = false;
        for (const entry of expired) {
          if (await store.expire(entry.tenant, entry.window, entry.reservationId, entry.amounts)) {
            released += 1;
            progress = true;
          }
        }
        if (!progress) return released;
      }
    },
  };
}

/**
 * Hard caps on committed amounts, in store units (micro-dollars for money).
 *
 * @example
 * capsFor(ledgerLimitsFor(tenant).filter((limit) => limit.window === 'day'));
 */
export function capsFor(limits: readonly LedgerLimit[]): LedgerCaps {
  const caps: LedgerCaps = {};
  for (const limit of limits) {
    const field = limit.metric === 'usd' ? 'usdMicros' : limit.metric;
    const value = limit.metric === 'usd' ? microsFromUsd(limit.limit) : Math.floor(limit.limit);
    caps[field] = Math.min(caps[field] ?? Number.POSITIVE_INFINITY, value);
  }
  return caps;
}

/**
 * Committed (spent + reserved) amounts of a window.
 *
 * @example
 * committed((await ledger.usage('acme', 'day')).counters).usdMicros;
 */
export function committed(counters: LedgerCounters): LedgerAmounts {
  return {
    usdMicros: counters.spent.usdMicros + counters.reserved.usdMicros,
    tokens: counters.spent.tokens + counters.reserved.tokens,
    requests: counters.spent.requests + counters.reserved.requests,
  };
}

function violatedLimit(limits: readonly LedgerLimit[], counters: LedgerCounters, amounts: LedgerAmounts): LedgerLimit | undefined {
  const total = committed(counters);
  return limits.find((limit) => {
    const field = limit.metric === 'usd' ? 'usdMicros' : limit.metric;
    const cap = limit.metric === 'usd' ? microsFromUsd(limit.limit) : Math.floor(limit.limit);
    return total[field] + amounts[field] > cap;
  });
}

function validateAmounts(amounts: LedgerAmounts): void {
  for (const [name, value] of Object.entries(amounts)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`ledger amount ${name} must be a non-negative integer, got ${value}`);
    }
  }
}
