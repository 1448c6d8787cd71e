import { describe, expect, it } from 'vitest';
import { utcDate, windowAt } from './budget-window';
import { microsFromUsd, microsFromUsdCeil, usdFromMicros } from './money';

describe('windowAt', () => {
  it('a day is the UTC date, from midnight to midnight', () => {
    const window = windowAt('day', Date.UTC(2026, 2, 9, 23, 59, 59, 999));
    expect(window).toEqual({ kind: 'day', start: Date.UTC(2026, 2, 9), end: Date.UTC(2026, 2, 10), label: '2026-03-09' });
    expect(windowAt('day', Date.UTC(2026, 2, 10)).label).toBe('2026-03-10');
  });

  it('the seed bug is gone: "daily" never covers yesterday', () => {
    const today = windowAt('day', Date.UTC(2026, 2, 10, 0, 0, 0, 1));
    expect(today.start).toBe(Date.UTC(2026, 2, 10));
    expect(today.end - today.start).toBe(86_400_000);
  });

  it('a week is the ISO week: Monday 00:00 UTC to the next Monday', () => {
    // 2026-03-11 is a Wednesday; its ISO week starts Monday 2026-03-09.
    expect(windowAt('week', Date.UTC(2026, 2, 11, 12))).toEqual({ kind: 'week', start: Date.UTC(2026, 2, 9), end: Date.UTC(2026, 2, 16), label: '2026-W11' });
    // Sunday 23:59:59.999 is still the same week; Monday 00:00 starts the next.
    expect(windowAt('week', Date.UTC(2026, 2, 15, 23, 59, 59, 999)).label).toBe('2026-W11');
    expect(windowAt('week', Date.UTC(2026, 2, 16)).label).toBe('2026-W12');
  });

  it('labels weeks with the ISO week-year across New Year', () => {
    // 2026-01-01 is a Thursday: week 1 of 2026 starts Monday 2025-12-29.
    expect(windowAt('week', Date.UTC(2025, 11, 29)).label).toBe('2026-W01');
    expect(windowAt('week', Date.UTC(2026, 0, 1)).start).toBe(Date.UTC(2025, 11, 29));
    // 2026-12-31 is a Thursday: 2026 has 53 ISO weeks, and 2027-01-01 to 03 belong to 2026-W53.
    expect(windowAt('week', Date.UTC(2026, 11, 31)).label).toBe('2026-W53');
    expect(windowAt('week', Date.UTC(2027, 0, 3, 23)).label).toBe('2026-W53');
    expect(windowAt('week', Date.UTC(2027, 0, 4)).label).toBe('2027-W01');
    // 2021-01-03 (a Sunday) is in 2020-W53.
    expect(windowAt('week', Date.UTC(2021, 0, 3)).label).toBe('2020-W53');
  });

  it('a month is the UTC calendar month, including February of a leap year', () => {
    expect(windowAt('month', Date.UTC(2028, 1, 29, 23, 59))).toEqual({ kind: 'month', start: Date.UTC(2028, 1, 1), end: Date.UTC(2028, 2, 1), label: '2028-02' });
    expect(windowAt('month', Date.UTC(2026, 11, 31, 23, 59, 59, 999)).end).toBe(Date.UTC(2027, 0, 1));
  });

  it('formats UTC dates whatever the local time zone', () => {
    expect(utcDate(Date.UTC(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('money', () => {
  it('counts integer micro-dollars, rounding reservations up', () => {
    expect(microsFromUsd(0.1 + 0.2)).toBe(300_000);
    expect(microsFromUsdCeil(0.1)).toBe(100_000);
    expect(microsFromUsdCeil(0.0000011)).toBe(2);
    expect(usdFromMicros(1_500_000)).toBe(1.5);
    expect(() => microsFromUsd(Number.NaN)).toThrow(RangeError);
  });
});
