/**
 * The eight cost tiers, cheapest first. This array is the only definition of tier order in
 * Refract: every comparison, shift and clamp goes through the helpers below.
 */
export const TIERS = ['micro', 'minimal', 'low', 'medium', 'advanced', 'high', 'ultra', 'critical'] as const;

export type Tier = (typeof TIERS)[number];

const INDEX: ReadonlyMap<string, number> = new Map(TIERS.map((tier, index) => [tier, index]));

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && INDEX.has(value);
}

/** Position of a tier in the ladder (micro = 0 … critical = 7). */
export function tierIndex(tier: Tier): number {
  return INDEX.get(tier) ?? 0;
}

export function tierAt(index: number): Tier {
  const clamped = Math.min(TIERS.length - 1, Math.max(0, Math.round(index)));
  return TIERS[clamped] as Tier;
}

/** Negative when `a` is cheaper than `b`, zero when equal, positive when `a` is dearer. */
export function compareTiers(a: Tier, b: Tier): number {
  return tierIndex(a) - tierIndex(b);
}

/** Moves `steps` tiers up (positive) or down (negative), clamped to the ladder. */
export function shiftTier(tier: Tier, steps: number): Tier {
  return tierAt(tierIndex(tier) + steps);
}

export function maxTier(a: Tier, b: Tier): Tier {
  return compareTiers(a, b) >= 0 ? a : b;
}

export function minTier(a: Tier, b: Tier): Tier {
  return compareTiers(a, b) <= 0 ? a : b;
}

/** Clamps `tier` into `[floor, cap]`; either bound may be absent. */
export function clampTier(tier: Tier, floor?: Tier, cap?: Tier): Tier {
  let result = tier;
  if (floor !== undefined) result = maxTier(result, floor);
  if (cap !== undefined) result = minTier(result, cap);
  return result;
}

/**
 * Tiers ordered by distance from `tier`: the tier itself, then one below, one above, two below, …
 * Used wherever a nearby tier is wanted (context upgrades, empty-tier fallback).
 */
export function tiersByDistance(tier: Tier): Tier[] {
  const origin = tierIndex(tier);
  const out: Tier[] = [tier];
  for (let distance = 1; distance < TIERS.length; distance += 1) {
    if (origin - distance >= 0) out.push(tierAt(origin - distance));
    if (origin + distance < TIERS.length) out.push(tierAt(origin + distance));
  }
  return out;
}
