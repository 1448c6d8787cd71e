export { windowAt, utcDate, BUDGET_WINDOW_KINDS, type BudgetWindow, type BudgetWindowKind } from './budget-window';
export { MICROS_PER_USD, microsFromUsd, microsFromUsdCeil, usdFromMicros } from './money';
export {
  ZERO_AMOUNTS,
  type Ledger,
  type LedgerStore,
  type LedgerAmounts,
  type LedgerCounters,
  type LedgerCaps,
  type LedgerLimit,
  type LedgerMetric,
  type LimitEnforcement,
  type Reservation,
  type ReserveRequest,
  type ReserveOutcome,
  type StoredReservation,
  type ExpiredReservation,
  type WindowUsage,
} from './ledger';
export { createLedger, committed, capsFor, type CreateLedgerOptions } from './create-ledger';
export { ledgerLimitsFor } from './tenant-limits';
export { evaluateGuard, INACTIVE_GUARD, type GuardState, type GuardReason } from './budget-guard';
