import { describe, expect, it } from 'vitest';
import { TIERS, clampTier, compareTiers, isTier, maxTier, minTier, shiftTier, tierIndex, tiersByDistance } from './tiers';

describe('tiers', () => {
  it('has one order, micro first (the seed swapped micro and minimal in one table)', () => {
    expect(TIERS).toEqual(['micro', 'minimal', 'low', 'medium', 'advanced', 'high', 'ultra', 'critical']);
    expect(compareTiers('micro', 'minimal')).toBeLessThan(0);
    expect(tierIndex('critical')).toBe(7);
  });

  it.each([
    ['medium', 1, 'advanced'],
    ['medium', -2, 'minimal'],
    ['micro', -1, 'micro'],
    ['critical', 3, 'critical'],
  ] as const)('shifts %s by %i to %s, clamped to the ladder', (tier, steps, expected) => {
    expect(shiftTier(tier, steps)).toBe(expected);
  });

  it('clamps into a floor and a cap', () => {
    expect(clampTier('micro', 'low', 'high')).toBe('low');
    expect(clampTier('ultra', 'low', 'high')).toBe('high');
    expect(clampTier('medium', undefined, 'low')).toBe('low');
    expect(maxTier('low', 'high')).toBe('high');
    expect(minTier('low', 'high')).toBe('low');
  });

  it('orders tiers by distance, one below before one above', () => {
    expect(tiersByDistance('low')).toEqual(['low', 'minimal', 'medium', 'micro', 'advanced', 'high', 'ultra', 'critical']);
  });

  it('recognises tier names only', () => {
    expect(isTier('premium')).toBe(false);
    expect(isTier('ultra')).toBe(true);
  });
});
