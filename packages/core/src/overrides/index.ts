export * from './override-settings';
export type { OverrideRule, OverrideOutcome, OverrideContext, TierState } from './override-rule';
export {
  OVERRIDE_RULES,
  visionOverride,
  toolCallOverride,
  confidenceFallbackOverride,
  domainGateOverride,
  conversationTurnsOverride,
  frustrationOverride,
  outputLengthOverride,
  sessionContextOverride,
} from './rules';
