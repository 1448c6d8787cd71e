import type { BudgetWindow } from '../../budgets/budget-window';
import type {
  ExpiredReservation,
  LedgerAmounts,
  LedgerCaps,
  LedgerCounters,
  LedgerStore,
  StoredReservation,
} from '../../budgets/ledger';

interface WindowEntry {
  tenant: string;
  window: BudgetWindow;
  spent: LedgerAmounts;
  reserved: LedgerAmounts;
  reservations: Map<string, StoredReservation>;
  /** Reservations the sweep expired, kept so that a late settle still records its spend. */
  expired: Set<string>;
}

const FIELDS = ['usdMicros', 'tokens', 'requests'] as const;

/**
 * Ledger windows in a Map. Each method runs to completion without awaiting, so within one
 * process every check-and-reserve is atomic, exactly like the conditional update in MongoDB.
 *
 * @example
 * const ledger = createLedger({ store: new MemoryLedgerStore(), clock });
 */
export class MemoryLedgerStore implements LedgerStore {
  private readonly windows = new Map<string, WindowEntry>();
  private reservesSincePrune = 0;

  async reserve(
    tenant: string,
    window: BudgetWindow,
    reservationId: string,
    reservation: StoredReservation,
    caps: LedgerCaps,
  ): Promise<{ applied: boolean; counters: LedgerCounters }> {
    if (++this.reservesSincePrune >= 10_000) {
      this.reservesSincePrune = 0;
      this.prune(window.start - 40 * 86_400_000);
    }
    const entry = this.entry(tenant, window);
    const fits = FIELDS.every((field) => {
      const cap = caps[field];
      return cap === undefined || entry.spent[field] + entry.reserved[field] + reservation.amounts[field] <= cap;
    });
    if (fits && !entry.reservations.has(reservationId)) {
      entry.reservations.set(reservationId, { amounts: { ...reservation.amounts }, expiresAt: reservation.expiresAt });
      add(entry.reserved, reservation.amounts, 1);
    }
    return { applied: fits, counters: snapshot(entry) };
  }

  async settle(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts, actual: LedgerAmounts): Promise<'settled' | 'late' | 'missing'> {
    const entry = this.entry(tenant, window);
    if (entry.reservations.delete(reservationId)) {
      add(entry.reserved, reserved, -1);
      add(entry.spent, actual, 1);
      return 'settled';
    }
    if (entry.expired.delete(reservationId)) {
      add(entry.spent, actual, 1);
      return 'late';
    }
    return 'missing';
  }

  async release(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts): Promise<boolean> {
    const entry = this.entry(tenant, window);
    entry.expired.delete(reservationId);
    if (!entry.reservations.delete(reservationId)) return false;
    add(entry.reserved, reserved, -1);
    return true;
  }

  async expire(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts): Promise<boolean> {
    const entry = this.entry(tenant, window);
    if (!entry.reservations.delete(reservationId)) return false;
    add(entry.reserved, reserved, -1);
    entry.expired.add(reservationId);
    return true;
  }

  async read(tenant: string, window: BudgetWindow): Promise<LedgerCounters> {
    const entry = this.windows.get(key(tenant, window));
    return entry ? snapshot(entry) : { spent: zero(), reserved: zero() };
  }

  async expiredReservations(now: number, limit: number): Promise<ExpiredReservation[]> {
    const out: ExpiredReservation[] = [];
    for (const entry of this.windows.values()) {
      for (const [reservationId, reservation] of entry.reservations) {
        if (reservation.expiresAt > now) continue;
        out.push({ tenant: entry.tenant, window: entry.window, reservationId, amounts: { ...reservation.amounts } });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  /** Drops windows that ended before `before` (epoch ms); the single-process store keeps no history past that. */
  prune(before: number): void {
    for (const [id, entry] of this.windows) if (entry.window.end < before) this.windows.delete(id);
  }

  private entry(tenant: string, window: BudgetWindow): WindowEntry {
    const id = key(tenant, window);
    let entry = this.windows.get(id);
    if (!entry) {
      entry = { tenant, window: { ...window }, spent: zero(), reserved: zero(), reservations: new Map(), expired: new Set() };
      this.windows.set(id, entry);
    }
    return entry;
  }
}

function key(tenant: string, window: BudgetWindow): string {
  return `${tenant}|${window.kind}|${window.label}`;
}

function zero(): LedgerAmounts {
  return { usdMicros: 0, tokens: 0, requests: 0 };
}

function add(target: LedgerAmounts, amounts: LedgerAmounts, sign: 1 | -1): void {
  for (const field of FIELDS) target[field] += sign * amounts[field];
}

function snapshot(entry: WindowEntry): LedgerCounters {
  return { spent: { ...entry.spent }, reserved: { ...entry.reserved } };
}
