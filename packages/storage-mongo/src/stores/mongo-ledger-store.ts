import type {
  BudgetWindow,
  ExpiredReservation,
  LedgerAmounts,
  LedgerCaps,
  LedgerCounters,
  LedgerStore,
  StoredReservation,
} from '@refract/core';
import type { Collection, Document, Filter } from 'mongodb';
import { ensureDocument } from './ensure-document';

const FIELDS = ['usdMicros', 'tokens', 'requests'] as const;
/** Ledger windows are kept this long after they end (for usage history), then expire. */
const WINDOW_RETENTION_MS = 400 * 86_400_000;

/**
 * Ledger windows as documents `{ _id: tenant|kind|label, spent, reserved, committed,
 * reservations: { id: amounts+expiresAt }, expired: { id: amounts }, reservationCount }`.
 * Every operation is one conditional update on one document:
 * - reserve: filter `committed.<field> <= cap - amount` and "reservation not yet there";
 * - settle/release/expire: filter "reservation still there", so a repeat changes nothing.
 * `committed` (= spent + reserved) is kept as its own field so the cap check is a plain filter.
 */
export class MongoLedgerStore implements LedgerStore {
  constructor(private readonly collection: Collection<Document>) {}

  async reserve(tenant: string, window: BudgetWindow, reservationId: string, reservation: StoredReservation, caps: LedgerCaps): Promise<{ applied: boolean; counters: LedgerCounters }> {
    const id = windowId(tenant, window);
    const filter: Filter<Document> = { _id: id as never, [`reservations.${reservationId}`]: { $exists: false } };
    for (const field of FIELDS) {
      const cap = caps[field];
      if (cap !== undefined) filter[`committed.${field}`] = { $lte: cap - reservation.amounts[field] };
    }
    const update = {
      $inc: { ...increments('reserved', reservation.amounts, 1), ...increments('committed', reservation.amounts, 1), reservationCount: 1 },
      $set: { [`reservations.${reservationId}`]: { ...reservation.amounts, expiresAt: reservation.expiresAt } },
    };
    // A null answer means "no room", "no document yet" (or one created a moment ago) or "already
    // held": read it back and try again only when it exists, has room and does not hold it yet.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const after = await this.collection.findOneAndUpdate(filter, update, { returnDocument: 'after' });
      if (after) return { applied: true, counters: countersOf(after) };
      const current = await this.collection.findOne({ _id: id as never });
      if (!current) {
        await ensureDocument(this.collection, id, newWindow(tenant, window));
        continue;
      }
      const counters = countersOf(current);
      if ((current['reservations'] as Record<string, unknown> | undefined)?.[reservationId] !== undefined) return { applied: true, counters };
      const fits = FIELDS.every((field) => {
        const cap = caps[field];
        return cap === undefined || counters.spent[field] + counters.reserved[field] + reservation.amounts[field] <= cap;
      });
      if (!fits) return { applied: false, counters };
    }
    throw new Error(`ledger window ${id}: the conditional update kept missing a window that has room`);
  }

  async settle(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts, actual: LedgerAmounts): Promise<'settled' | 'late' | 'missing'> {
    const id = windowId(tenant, window);
    const settled = await this.collection.updateOne(
      { _id: id as never, [`reservations.${reservationId}`]: { $exists: true } },
      {
        $unset: { [`reservations.${reservationId}`]: '' },
        $inc: { ...increments('reserved', reserved, -1), ...increments('spent', actual, 1), ...difference('committed', actual, reserved), reservationCount: -1 },
      },
    );
    if (settled.modifiedCount === 1) return 'settled';
    const late = await this.collection.updateOne(
      { _id: id as never, [`expired.${reservationId}`]: { $exists: true } },
      { $unset: { [`expired.${reservationId}`]: '' }, $inc: { ...increments('spent', actual, 1), ...increments('committed', actual, 1) } },
    );
    return late.modifiedCount === 1 ? 'late' : 'missing';
  }

  async release(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts): Promise<boolean> {
    const id = windowId(tenant, window);
    await this.collection.updateOne({ _id: id as never, [`expired.${reservationId}`]: { $exists: true } }, { $unset: { [`expired.${reservationId}`]: '' } });
    const result = await this.collection.updateOne(
      { _id: id as never, [`reservations.${reservationId}`]: { $exists: true } },
      { $unset: { [`reservations.${reservationId}`]: '' }, $inc: { ...increments('reserved', reserved, -1), ...increments('committed', reserved, -1), reservationCount: -1 } },
    );
    return result.modifiedCount === 1;
  }

  async expire(tenant: string, window: BudgetWindow, reservationId: string, reserved: LedgerAmounts): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: windowId(tenant, window) as never, [`reservations.${reservationId}`]: { $exists: true } },
      {
        $unset: { [`reservations.${reservationId}`]: '' },
        $set: { [`expired.${reservationId}`]: { ...reserved } },
        $inc: { ...increments('reserved', reserved, -1), ...increments('committed', reserved, -1), reservationCount: -1 },
      },
    );
    return result.modifiedCount === 1;
  }

  async read(tenant: string, window: BudgetWindow): Promise<LedgerCounters> {
    const document = await this.collection.findOne({ _id: windowId(tenant, window) as never }, { projection: { spent: 1, reserved: 1 } });
    return document ? countersOf(document) : { spent: zero(), reserved: zero() };
  }

  async expiredReservations(now: number, limit: number): Promise<ExpiredReservation[]> {
    const out: ExpiredReservation[] = [];
    const cursor = this.collection.find({ reservationCount: { $gt: 0 } }, { projection: { tenant: 1, kind: 1, label: 1, start: 1, end: 1, reservations: 1 } }).limit(1000);
    for await (const document of cursor) {
      const window: BudgetWindow = { kind: document['kind'], label: String(document['label']), start: Number(document['start']), end: Number(document['end']) };
      for (const [reservationId, entry] of Object.entries((document['reservations'] ?? {}) as Record<string, Record<string, number>>)) {
        if (Number(entry['expiresAt']) > now) continue;
        out.push({ tenant: String(document['tenant']), window, reservationId, amounts: amountsOf(entry) });
        if (out.length >= limit) {
          await cursor.close();
          return out;
        }
      }
    }
    return out;
  }
}

function newWindow(tenant: string, window: BudgetWindow): Document {
  return {
    tenant,
    kind: window.kind,
    label: window.label,
    start: window.start,
    end: window.end,
    spent: zero(),
    reserved: zero(),
    committed: zero(),
    reservations: {},
    expired: {},
    reservationCount: 0,
    expiresAt: new Date(window.end + WINDOW_RETENTION_MS),
  };
}

function windowId(tenant: string, window: BudgetWindow): string {
  return `${tenant}|${window.kind}|${window.label}`;
}

function zero(): LedgerAmounts {
  return { usdMicros: 0, tokens: 0, requests: 0 };
}

function increments(prefix: string, amounts: LedgerAmounts, sign: 1 | -1): Record<string, number> {
  return Object.fromEntries(FIELDS.map((field) => [`${prefix}.${field}`, sign * amounts[field]]));
}

function difference(prefix: string, plus: LedgerAmounts, minus: LedgerAmounts): Record<string, number> {
  return Object.fromEntries(FIELDS.map((field) => [`${prefix}.${field}`, plus[field] - minus[field]]));
}

function amountsOf(value: unknown): LedgerAmounts {
  const record = (value ?? {}) as Record<string, unknown>;
  return { usdMicros: Number(record['usdMicros'] ?? 0), tokens: Number(record['tokens'] ?? 0), requests: Number(record['requests'] ?? 0) };
}

function countersOf(document: Document): LedgerCounters {
  return { spent: amountsOf(document['spent']), reserved: amountsOf(document['reserved']) };
}
