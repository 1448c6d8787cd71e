import type { CostMode } from '../rules/rule-set-schema';
import type { Tenant } from '../tenants/tenant-schema';
import type { Tier } from '../tiers/tiers';
import { committed } from './create-ledger';
import type { LedgerLimit, WindowUsage } from './ledger';
import { microsFromUsd } from './money';

/** Why the guard is on, or what a soft limit warns about. */
export interface GuardReason {
  source: string;
  /** Committed share of the limit, 0–1 (may exceed 1 for soft limits). */
  used: number;
  effect: 'guard' | 'auto_economy' | 'soft_warning';
}

/**
 * What the router must respect for this tenant right now: a forced cost mode and tiers it may
 * not pick. `warnings` are for response headers and logs (soft quotas reached).
 */
export interface GuardState {
  active: boolean;
  costMode?: CostMode;
  blockedTiers: Tier[];
  reasons: GuardReason[];
  warnings: string[];
}

export const INACTIVE_GUARD: GuardState = Object.freeze({ active: false, blockedTiers: [], reasons: [], warnings: [] }) as GuardState;

/**
 * Evaluates the budget guard and soft quotas from window usage:
 * - a USD budget whose committed share reaches `budgets.guard.threshold` switches the guard on:
 *   cost mode `budgets.guard.costMode` (economy when unset) and `budgets.guard.blockTiers`;
 * - an `auto_economy` quota at or past its limit forces cost mode economy;
 * - a `soft_warning` quota at or past its limit adds a warning.
 *
 * @example
 * const guard = evaluateGuard(tenant, ledgerLimitsFor(tenant), usage);
 * if (guard.costMode) routingOptions.costMode = guard.costMode;
 */
export function evaluateGuard(
  tenant: Pick<Tenant, 'budgets'>,
  limits: readonly LedgerLimit[],
  usage: readonly WindowUsage[],
): GuardState {
  const reasons: GuardReason[] = [];
  const warnings: string[] = [];
  let costMode: CostMode | undefined;
  const blocked = new Set<Tier>();
  const guard = tenant.budgets.guard;

  for (const limit of limits) {
    const window = usage.find((entry) => entry.window.kind === limit.window);
    if (!window) continue;
    const total = committed(window.counters);
    const used =
      limit.metric === 'usd' ? total.usdMicros / microsFromUsd(limit.limit) : total[limit.metric] / limit.limit;
    if (limit.source.startsWith('budget.') && guard && used >= guard.threshold) {
      reasons.push({ source: limit.source, used, effect: 'guard' });
      costMode ??= guard.costMode ?? 'economy';
      for (const tier of guard.blockTiers) blocked.add(tier);
    } else if (limit.enforcement === 'auto_economy' && used >= 1) {
      reasons.push({ source: limit.source, used, effect: 'auto_economy' });
      costMode = 'economy';
    } else if (limit.enforcement === 'soft_warning' && used >= 1) {
      reasons.push({ source: limit.source, used, effect: 'soft_warning' });
      warnings.push(`${limit.source} reached ${Math.round(used * 100)}% of ${limit.limit} for the current ${limit.window}`);
    }
  }
  const state: GuardState = {
    active: costMode !== undefined || blocked.size > 0,
    blockedTiers: [...blocked],
    reasons,
    warnings,
  };
  if (costMode !== undefined) state.costMode = costMode;
  return state;
}
