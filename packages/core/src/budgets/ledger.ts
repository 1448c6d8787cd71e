import type { BudgetWindow, BudgetWindowKind } from './budget-window';

/** What a request costs, or may cost: money in micro-dollars, tokens, and request count. */
export interface LedgerAmounts {
  usdMicros: number;
  tokens: number;
  requests: number;
}

/** A window's counters: `spent` is settled, `reserved` is in flight; committed = spent + reserved. */
export interface LedgerCounters {
  spent: LedgerAmounts;
  reserved: LedgerAmounts;
}

export type LedgerMetric = 'usd' | 'tokens' | 'requests';
export type LimitEnforcement = 'hard_block' | 'soft_warning' | 'auto_economy';

/** A limit on one metric in one window: a budget (USD) or a quota. */
export interface LedgerLimit {
  window: BudgetWindowKind;
  metric: LedgerMetric;
  /** In USD for `usd`, else a count. */
  limit: number;
  enforcement: LimitEnforcement;
  /** Where it comes from, e.g. `budget.dailyUsd` or `quota.requests_monthly`. */
  source: string;
}

export interface ReserveRequest {
  tenant: string;
  amounts: LedgerAmounts;
  limits: readonly LedgerLimit[];
}

/** A reservation held in every window it was counted in. Pass it back to settle or release. */
export interface Reservation {
  id: string;
  tenant: string;
  amounts: LedgerAmounts;
  windows: BudgetWindow[];
  createdAt: number;
}

export interface WindowUsage {
  tenant: string;
  window: BudgetWindow;
  counters: LedgerCounters;
}

export type ReserveOutcome =
  | { ok: true; reservation: Reservation; usage: WindowUsage[] }
  | { ok: false; limit: LedgerLimit; usage: WindowUsage; retryAfterMs: number };

/**
 * The budget ledger: atomic reservation of a worst-case cost at admission, settlement to the
 * actual cost on completion, release on failure. Hard limits are checked against
 * spent + reserved, so concurrent requests can never commit past a hard limit; the only way
 * spent can exceed it is a request that costs more than its reservation (the estimate was wrong),
 * and that is recorded truthfully and blocks what follows.
 *
 * @example
 * const outcome = await ledger.reserve({ tenant: 'acme', amounts: { usdMicros: 40_000, tokens: 5000, requests: 1 }, limits });
 * if (outcome.ok) await ledger.settle(outcome.reservation, { usdMicros: 12_500, tokens: 3100, requests: 1 });
 */
export interface Ledger {
  reserve(request: ReserveRequest): Promise<ReserveOutcome>;
  /** Replaces the reservation by the actual amounts. Idempotent; records the spend even if the reservation expired. */
  settle(reservation: Reservation, actual: LedgerAmounts): Promise<void>;
  /** Gives the whole reservation back. Idempotent. */
  release(reservation: Reservation): Promise<void>;
  /** Counters of the window of `kind` that contains `at` (default now). */
  usage(tenant: string, kind: BudgetWindowKind, at?: number): Promise<WindowUsage>;
  /** Releases reservations older than their lease (requests that never settled). Returns how many. */
  sweep(): Promise<number>;
}

/** A reservation entry as a store keeps it inside a window. */
export interface StoredReservation {
  amounts: LedgerAmounts;
  /** Epoch milliseconds after which `sweep` may release it. */
  expiresAt: number;
}

/** Caps on committed (spent + reserved) amounts; an unset cap is not checked. */
export type LedgerCaps = Partial<LedgerAmounts>;

/**
 * The atomic primitives a `Ledger` needs from a backend. Every operation touches one window
 * document only and is atomic on it; `createLedger` builds the multi-window logic on top.
 */
export interface LedgerStore {
  /** Adds the reservation if committed + amounts stays within every cap. */
  reserve(
    tenant: string,
    window: BudgetWindow,
    reservationId: string,
    reservation: StoredReservation,
    caps: LedgerCaps,
  ): Promise<{ applied: boolean; counters: LedgerCounters }>;
  /**
   * Swaps the reservation for `actual` spend. A reservation the sweep already expired is recorded
   * as spend without a reservation (`late`); one already settled or released changes nothing
   * (`missing`), so a repeated settle never counts twice.
   */
  settle(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts, actual: LedgerAmounts): Promise<'settled' | 'late' | 'missing'>;
  /** Removes the reservation (or the mark an expired one left). Returns true if it was still held. */
  release(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts): Promise<boolean>;
  /** The sweep: gives back a reservation whose lease ended, leaving a mark so a late settle still counts. */
  expire(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts): Promise<boolean>;
  read(tenant: string, window: BudgetWindow): Promise<LedgerCounters>;
  /** Reservations whose lease ended before `now`, across tenants and windows (at most `limit`). */
  expiredReservations(now: number, limit: number): Promise<ExpiredReservation[]>;
}

export interface ExpiredReservation {
  tenant: string;
  window: BudgetWindow;
  reservationId: string;
  amounts: LedgerAmounts;
}

export const ZERO_AMOUNTS: Readonly<LedgerAmounts> = Object.freeze({ usdMicros: 0, tokens: 0, requests: 0 });
