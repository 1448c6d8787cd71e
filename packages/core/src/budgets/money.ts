/** Micro-dollars per dollar. Ledgers and stats count integer micro-dollars so sums are exact. */
export const MICROS_PER_USD = 1_000_000;

/** Rounds to the nearest micro-dollar. */
export function microsFromUsd(usd: number): number {
  if (!Number.isFinite(usd)) throw new RangeError(`not a finite USD amount: ${usd}`);
  return Math.round(usd * MICROS_PER_USD);
}

/** Rounds up, for reservations: a reservation is never smaller than the cost it covers. */
export function microsFromUsdCeil(usd: number): number {
  if (!Number.isFinite(usd)) throw new RangeError(`not a finite USD amount: ${usd}`);
  return Math.ceil(Math.round(usd * MICROS_PER_USD * 1000) / 1000);
}

export function usdFromMicros(micros: number): number {
  return micros / MICROS_PER_USD;
}
