/** Micro-dollars per dollar. Ledgers and stats count integer micro-dollars so sums are exact. */
export const MICROS_PER_USD = 1_000_000;

/**
 * Rounds to the nearest micro-dollar.
 *
 * @example
 * microsFromUsd(0.1 + 0.2); // 300000
 */
export function microsFromUsd(usd: number): number {
  if (!Number.isFinite(usd)) throw new RangeError(`not a finite USD amount: ${usd}`);
  return Math.round(usd * MICROS_PER_USD);
}

/**
 * Rounds up, for reservations: a reservation is never smaller than the cost it covers.
 *
 * @example
 * microsFromUsdCeil(0.0000011); // 2
 */
export function microsFromUsdCeil(usd: number): number {
  if (!Number.isFinite(usd)) throw new RangeError(`not a finite USD amount: ${usd}`);
  return Math.ceil(Math.round(usd * MICROS_PER_USD * 1000) / 1000);
}

/**
 * @example
 * usdFromMicros(1_500_000); // 1.5
 */
export function usdFromMicros(micros: number): number {
  return micros / MICROS_PER_USD;
}
