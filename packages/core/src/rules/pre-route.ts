import type { Tier } from '../tiers/tiers';

/** One rule, role or signal that contributed to the pre-route. */
export interface PreRouteMatch {
  kind: 'fim' | 'token_threshold' | 'system_prompt_role' | 'keyword_rule' | 'signal' | 'turn_upgrade';
  name: string;
  /** What it contributed, e.g. `category=legal_analysis, floor=advanced`. */
  effect: string;
  confidence: number;
}

/**
 * What the rule set concluded before any classifier: a tier and category hint with a confidence,
 * and the floor and cap that bound every later step (classifier included).
 */
export interface PreRoute {
  tier: Tier | undefined;
  category: string | undefined;
  domain: string | undefined;
  /** Highest `tierMin` of the matching rules: the routed tier is never below it. */
  floor: Tier | undefined;
  /** Lowest `tierMax` of the matching rules: the routed tier is never above it. */
  cap: Tier | undefined;
  confidence: number;
  /** What set the tier and category, e.g. `keyword_rule:Legal / Compliance`. */
  source: string;
  matches: PreRouteMatch[];
}

export function emptyPreRoute(): PreRoute {
  return { tier: undefined, category: undefined, domain: undefined, floor: undefined, cap: undefined, confidence: 0, source: 'none', matches: [] };
}
