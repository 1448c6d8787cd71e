import { compareTiers, maxTier, shiftTier } from '../tiers/tiers';
import type { OverrideName } from './override-settings';
import type { OverrideRule } from './override-rule';

/** Images need a model that sees well: at least `visionMinTier` unless the category is a vision one. */
export const visionOverride: OverrideRule = {
  name: 'vision',
  apply(state, { signals, settings }) {
    if (!settings.visionUpgrade || !signals.hasImages || state.category.requiresVision) return undefined;
    if (compareTiers(state.tier, settings.visionMinTier) >= 0) return undefined;
    return { tier: settings.visionMinTier, reason: `${signals.imageCount} image(s) in a non-vision category`, requirement: true };
  },
};

/** Tool use needs a model that calls tools reliably: at least `toolCallMinTier`. */
export const toolCallOverride: OverrideRule = {
  name: 'tool-calls',
  apply(state, { signals, settings }) {
    if (!settings.toolCallUpgrade || !signals.hasTools) return undefined;
    if (compareTiers(state.tier, settings.toolCallMinTier) >= 0) return undefined;
    return { tier: settings.toolCallMinTier, reason: 'the request defines tools', requirement: true };
  },
};

/** When routing is unsure, raise to a safe tier. It never lowers a tier (the seed's did). */
export const confidenceFallbackOverride: OverrideRule = {
  name: 'confidence-fallback',
  apply(state, { settings }) {
    if (!settings.confidenceFallback || state.confidence >= settings.confidenceThreshold) return undefined;
    const tier = maxTier(state.tier, settings.confidenceFallbackTier);
    if (tier === state.tier) return undefined;
    return { tier, reason: `confidence ${state.confidence.toFixed(2)} < ${settings.confidenceThreshold}` };
  },
};

/** Legal, medical and financial requests get at least `domainGateMinTier`. */
export const domainGateOverride: OverrideRule = {
  name: 'domain-gate',
  apply(state, { settings }) {
    if (!settings.domainGate || !state.domain || !settings.domainGateDomains.includes(state.domain)) return undefined;
    if (compareTiers(state.tier, settings.domainGateMinTier) >= 0) return undefined;
    return { tier: settings.domainGateMinTier, reason: `domain ${state.domain}` };
  },
};

/** Long conversations go up one tier, except for categories where history does not matter. */
export const conversationTurnsOverride: OverrideRule = {
  name: 'conversation-turns',
  apply(state, { settings }) {
    if (!settings.conversationTurnUpgrade || state.conversationTurns < settings.conversationTurnThreshold) return undefined;
    if (settings.conversationTurnExemptCategories.includes(state.category.key)) return undefined;
    return { tier: shiftTier(state.tier, 1), reason: `${state.conversationTurns} turns ≥ ${settings.conversationTurnThreshold}` };
  },
};

/** A frustrated person gets one tier more, unless the message is tool output or trivially short. */
export const frustrationOverride: OverrideRule = {
  name: 'frustration',
  apply(state, { signals, settings }) {
    if (!settings.frustrationUpgrade || !state.frustration) return undefined;
    if (signals.isToolOutputContinuation || signals.tokens < settings.frustrationMinTokens) return undefined;
    return { tier: shiftTier(state.tier, 1), reason: 'the user sounds frustrated with earlier answers' };
  },
};

/** Long answers need at least `outputLengthMinTier`. */
export const outputLengthOverride: OverrideRule = {
  name: 'output-length',
  apply(state, { settings }) {
    if (!settings.outputLengthUpgrade || state.estimatedOutput !== 'long') return undefined;
    if (compareTiers(state.tier, settings.outputLengthMinTier) >= 0) return undefined;
    return { tier: settings.outputLengthMinTier, reason: 'a long answer is expected' };
  },
};

/** When the session's previous request filled its context window past the threshold, go up one tier. */
export const sessionContextOverride: OverrideRule = {
  name: 'session-context',
  apply(state, { settings, previousSessionFill }) {
    if (!settings.sessionContextUpgrade || previousSessionFill === undefined) return undefined;
    if (previousSessionFill < settings.sessionFillUpgradeThreshold) return undefined;
    return {
      tier: shiftTier(state.tier, 1),
      reason: `previous request filled ${Math.round(previousSessionFill * 100)}% of its context window (≥ ${Math.round(settings.sessionFillUpgradeThreshold * 100)}%)`,
    };
  },
};

export const OVERRIDE_RULES: Readonly<Record<OverrideName, OverrideRule>> = {
  vision: visionOverride,
  'tool-calls': toolCallOverride,
  'confidence-fallback': confidenceFallbackOverride,
  'domain-gate': domainGateOverride,
  'conversation-turns': conversationTurnsOverride,
  frustration: frustrationOverride,
  'output-length': outputLengthOverride,
  'session-context': sessionContextOverride,
};
