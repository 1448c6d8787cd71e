import type { Category } from '../catalog/category';
import type { OutputLength, Signals } from '../signals/signals';
import type { Tier } from '../tiers/tiers';
import type { OverrideName, OverrideSettings } from './override-settings';

/** The routing state the overrides read and adjust. */
export interface TierState {
  tier: Tier;
  category: Category;
  domain: string | undefined;
  confidence: number;
  estimatedOutput: OutputLength;
  frustration: boolean;
  /** Conversation turns as the classifier saw them, else the signal. */
  conversationTurns: number;
}

export interface OverrideContext {
  signals: Signals;
  settings: OverrideSettings;
  /** Share of the context window the previous request of this session filled (0–1), if known. */
  previousSessionFill: number | undefined;
}

/** An override that fired: the new tier and why. */
export interface OverrideOutcome {
  tier: Tier;
  reason: string;
  /**
   * A capability requirement (vision, tool use): the tier it sets survives rule caps, because a
   * cheaper model would fail the request rather than answer it worse.
   */
  requirement?: boolean;
}

/** A small pure function: returns an outcome when it fires, undefined when it does not. */
export interface OverrideRule {
  name: OverrideName;
  apply(state: Readonly<TierState>, context: OverrideContext): OverrideOutcome | undefined;
}
