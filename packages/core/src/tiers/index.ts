export {
  TIERS,
  type Tier,
  isTier,
  tierIndex,
  tierAt,
  compareTiers,
  shiftTier,
  maxTier,
  minTier,
  clampTier,
  tiersByDistance,
} from './tiers';
