/** The three budget windows. All are UTC. */
export type BudgetWindowKind = 'day' | 'week' | 'month';

export const BUDGET_WINDOW_KINDS: readonly BudgetWindowKind[] = ['day', 'week', 'month'];

/** One concrete window: `[start, end)` in epoch milliseconds, with a readable label. */
export interface BudgetWindow {
  kind: BudgetWindowKind;
  start: number;
  end: number;
  /** `2026-03-09` (day), `2026-W11` (ISO week), `2026-03` (month). */
  label: string;
}

const DAY_MS = 86_400_000;

/**
 * The window of `kind` that contains `at`:
 * - day: the UTC calendar date, 00:00:00.000 to the next midnight;
 * - week: the ISO week, Monday 00:00 UTC to the next Monday (labelled with the ISO week-year,
 *   so 2026-12-31, a Thursday, is in `2026-W53` and 2027-01-01 too);
 * - month: the UTC calendar month.
 *
 * @example
 * windowAt('week', Date.UTC(2026, 2, 11)).label; // '2026-W11'
 */
export function windowAt(kind: BudgetWindowKind, at: number): BudgetWindow {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const dayStart = Date.UTC(year, month, date.getUTCDate());
  if (kind === 'day') {
    return { kind, start: dayStart, end: dayStart + DAY_MS, label: utcDate(dayStart) };
  }
  if (kind === 'month') {
    const start = Date.UTC(year, month, 1);
    return { kind, start, end: Date.UTC(year, month + 1, 1), label: `${year}-${pad(month + 1)}` };
  }
  const isoWeekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const start = dayStart - isoWeekday * DAY_MS;
  const thursday = new Date(start + 3 * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  const firstMonday = Date.UTC(weekYear, 0, 4) - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.round((start - firstMonday) / (7 * DAY_MS)) + 1;
  return { kind, start, end: start + 7 * DAY_MS, label: `${weekYear}-W${pad(week)}` };
}

/**
 * `YYYY-MM-DD` of the UTC date containing `at`.
 *
 * @example
 * utcDate(Date.UTC(2026, 2, 9, 23, 30)); // '2026-03-09'
 */
export function utcDate(at: number): string {
  const date = new Date(at);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
