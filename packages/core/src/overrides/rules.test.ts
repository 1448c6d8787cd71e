import { describe, expect, it } from 'vitest';
import { CategorySet } from '../catalog/category-set';
import type { Signals } from '../signals/signals';
import type { Tier } from '../tiers/tiers';
import { overrideSettingsSchema } from './override-settings';
import type { OverrideContext, TierState } from './override-rule';
import { OVERRIDE_RULES } from './rules';

const categories = CategorySet.builtIn();
const baseSignals: Signals = {
  tokens: 500,
  messageCount: 1,
  imageCount: 0,
  hasImages: false,
  hasTools: false,
  toolChoiceRequired: false,
  userTurns: 1,
  systemPrompt: '',
  lastUserMessage: 'x',
  codeLanguages: [],
  hasCode: false,
  isFim: false,
  isToolAgent: false,
  isToolOutputContinuation: false,
  domains: [],
  domainHits: {},
  frustration: false,
  expectedOutput: 'medium',
  wantsJson: false,
};
const state = (tier: Tier, extra: Partial<TierState> = {}): TierState => ({
  tier,
  category: categories.get('analysis_simple')!,
  domain: undefined,
  confidence: 0.9,
  estimatedOutput: 'medium',
  frustration: false,
  conversationTurns: 1,
  ...extra,
});
const context = (signals: Partial<Signals> = {}, settings: Record<string, unknown> = {}, previousSessionFill?: number): OverrideContext => ({
  signals: { ...baseSignals, ...signals },
  settings: overrideSettingsSchema.parse(settings),
  previousSessionFill,
});

describe('override rules', () => {
  it('vision: raises images to low unless the category is a vision one, as a capability requirement', () => {
    expect(OVERRIDE_RULES.vision.apply(state('micro'), context({ hasImages: true, imageCount: 1 }))).toMatchObject({ tier: 'low', requirement: true });
    expect(OVERRIDE_RULES.vision.apply(state('micro', { category: categories.get('vision_simple')! }), context({ hasImages: true }))).toBeUndefined();
    expect(OVERRIDE_RULES.vision.apply(state('micro'), context({ hasImages: true }, { visionUpgrade: false }))).toBeUndefined();
  });

  it('tool calls: raises to the tool tier', () => {
    expect(OVERRIDE_RULES['tool-calls'].apply(state('low'), context({ hasTools: true }))).toMatchObject({ tier: 'medium', requirement: true });
    expect(OVERRIDE_RULES['tool-calls'].apply(state('high'), context({ hasTools: true }))).toBeUndefined();
    expect(OVERRIDE_RULES['tool-calls'].apply(state('low'), context({ hasTools: true }, { toolCallMinTier: 'advanced' }))?.tier).toBe('advanced');
  });

  it('confidence fallback raises but never lowers (the seed set medium, a downgrade from high)', () => {
    expect(OVERRIDE_RULES['confidence-fallback'].apply(state('micro', { confidence: 0.1 }), context())).toMatchObject({ tier: 'medium' });
    expect(OVERRIDE_RULES['confidence-fallback'].apply(state('high', { confidence: 0.1 }), context())).toBeUndefined();
    expect(OVERRIDE_RULES['confidence-fallback'].apply(state('micro', { confidence: 0.5 }), context())).toBeUndefined();
  });

  it('domain gate: legal, medical and finance get at least medium', () => {
    expect(OVERRIDE_RULES['domain-gate'].apply(state('low', { domain: 'legal' }), context())?.tier).toBe('medium');
    expect(OVERRIDE_RULES['domain-gate'].apply(state('low', { domain: 'security' }), context())).toBeUndefined();
  });

  it('conversation turns: +1 when enabled, except exempt categories', () => {
    const long = state('low', { conversationTurns: 6 });
    expect(OVERRIDE_RULES['conversation-turns'].apply(long, context())).toBeUndefined();
    expect(OVERRIDE_RULES['conversation-turns'].apply(long, context({}, { conversationTurnUpgrade: true }))?.tier).toBe('medium');
    expect(
      OVERRIDE_RULES['conversation-turns'].apply({ ...long, category: categories.get('translation')! }, context({}, { conversationTurnUpgrade: true })),
    ).toBeUndefined();
  });

  it('frustration: +1, but not for tool output or tiny requests', () => {
    expect(OVERRIDE_RULES.frustration.apply(state('low', { frustration: true }), context())?.tier).toBe('medium');
    expect(OVERRIDE_RULES.frustration.apply(state('low', { frustration: true }), context({ isToolOutputContinuation: true }))).toBeUndefined();
    expect(OVERRIDE_RULES.frustration.apply(state('low', { frustration: true }), context({ tokens: 10 }))).toBeUndefined();
  });

  it('output length: long answers get at least low', () => {
    expect(OVERRIDE_RULES['output-length'].apply(state('micro', { estimatedOutput: 'long' }), context())?.tier).toBe('low');
    expect(OVERRIDE_RULES['output-length'].apply(state('medium', { estimatedOutput: 'long' }), context())).toBeUndefined();
  });

  it('session context: +1 when the previous request filled the window past the threshold', () => {
    expect(OVERRIDE_RULES['session-context'].apply(state('low'), context({}, {}, 0.8))).toMatchObject({ tier: 'medium' });
    expect(OVERRIDE_RULES['session-context'].apply(state('low'), context({}, {}, 0.5))).toBeUndefined();
    expect(OVERRIDE_RULES['session-context'].apply(state('low'), context({}, { sessionFillUpgradeThreshold: 0.4 }, 0.5))?.tier).toBe('medium');
    expect(OVERRIDE_RULES['session-context'].apply(state('low'), context())).toBeUndefined();
  });
});
