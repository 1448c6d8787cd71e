import type { Quota, Tenant } from '../tenants/tenant-schema';
import type { BudgetWindowKind } from './budget-window';
import type { LedgerLimit, LedgerMetric } from './ledger';

const QUOTA_TARGETS: Record<Quota['kind'], { window: BudgetWindowKind; metric: LedgerMetric }> = {
  tokens_daily: { window: 'day', metric: 'tokens' },
  tokens_monthly: { window: 'month', metric: 'tokens' },
  requests_daily: { window: 'day', metric: 'requests' },
  requests_monthly: { window: 'month', metric: 'requests' },
  cost_monthly: { window: 'month', metric: 'usd' },
};

/**
 * The ledger limits of a tenant: its USD budgets (always hard) and its quotas (with their own
 * enforcement). Pass them to `Ledger.reserve`.
 *
 * @example
 * ledgerLimitsFor(tenantSchema.parse({ slug: 'acme', budgets: { dailyUsd: 5 } }));
 * // [{ window: 'day', metric: 'usd', limit: 5, enforcement: 'hard_block', source: 'budget.dailyUsd' }]
 */
export function ledgerLimitsFor(tenant: Pick<Tenant, 'budgets' | 'quotas'>): LedgerLimit[] {
  const limits: LedgerLimit[] = [];
  const { dailyUsd, weeklyUsd, monthlyUsd } = tenant.budgets;
  if (dailyUsd !== undefined) limits.push(budget('day', dailyUsd, 'budget.dailyUsd'));
  if (weeklyUsd !== undefined) limits.push(budget('week', weeklyUsd, 'budget.weeklyUsd'));
  if (monthlyUsd !== undefined) limits.push(budget('month', monthlyUsd, 'budget.monthlyUsd'));
  for (const quota of tenant.quotas) {
    const target = QUOTA_TARGETS[quota.kind];
    limits.push({ ...target, limit: quota.limit, enforcement: quota.enforcement, source: `quota.${quota.kind}` });
  }
  return limits;
}

function budget(window: BudgetWindowKind, limit: number, source: string): LedgerLimit {
  return { window, metric: 'usd', limit, enforcement: 'hard_block', source };
}
