import type { Signals } from '../signals/signals';
import { tierIndex, type Tier } from '../tiers/tiers';

/**
 * A continuous difficulty score in [0, 1]. When a classifier answered with a complexity, that is
 * used. Otherwise it is estimated from the task tier (before cost mode and boosts, which are
 * spending choices, not difficulty) and the size and shape of the request:
 *
 *   0.7 × tier / 7  +  0.2 × min(1, log10(tokens) / 5)  +  0.1 × structure
 *
 * where structure counts code, tool use, domain keywords and an expected long answer (0.25 each).
 */
export function estimateComplexity(taskTier: Tier, signals: Signals, classifierComplexity: number | undefined): number {
  if (classifierComplexity !== undefined && Number.isFinite(classifierComplexity)) return clamp01(classifierComplexity);
  const tierPart = tierIndex(taskTier) / 7;
  const sizePart = Math.min(1, Math.log10(Math.max(1, signals.tokens)) / 5);
  const structure =
    (signals.hasCode ? 0.25 : 0) + (signals.hasTools || signals.isToolAgent ? 0.25 : 0) + (signals.domains.length > 0 ? 0.25 : 0) + (signals.expectedOutput === 'long' ? 0.25 : 0);
  return Math.round(clamp01(0.7 * tierPart + 0.2 * sizePart + 0.1 * structure) * 1000) / 1000;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
