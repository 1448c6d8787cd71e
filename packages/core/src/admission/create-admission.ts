import { evaluateGuard, INACTIVE_GUARD, type GuardState } from '../budgets/budget-guard';
import { BUDGET_WINDOW_KINDS } from '../budgets/budget-window';
import type { Ledger, LedgerLimit, Reservation } from '../budgets/ledger';
import { microsFromUsd, microsFromUsdCeil } from '../budgets/money';
import { ledgerLimitsFor } from '../budgets/tenant-limits';
import { type Clock, systemClock } from '../clock/clock';
import { RefractError, isRefractError } from '../errors/refract-error';
import { rateLimitHeaders, retryAfterHeaders } from '../limits/rate-limit-headers';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../limits/rate-limiter';
import type { Tenant } from '../tenants/tenant-schema';
import type { AdmissionOutcome, AdmissionRequest, AdmissionTicket, ActualUsage } from './admission-types';
import { rateLimitRules } from './rate-limit-rules';

export interface AdmissionOptions {
  rateLimiter: RateLimiter;
  ledger: Ledger;
  clock?: Clock;
  /** Rate-limit window (default 60 000 ms: limits are per minute). */
  windowMs?: number;
  /**
   * When the limiter or ledger cannot be reached: `closed` (default) refuses with 503
   * `REFRACT_ERR_STORAGE`; `open` admits without limits and says so in `x-refract-admission`.
   */
  onStorageFailure?: 'closed' | 'open';
  /** Background failures (settle or release that kept failing). */
  onError?: (error: unknown, context: string) => void;
}

/**
 * One admission step per request: rate limits (per key, then per tenant), then the budget and
 * quota reservation, then the budget guard.
 */
export interface Admission {
  admit(request: AdmissionRequest): Promise<AdmissionOutcome>;
  /** The guard as it stands, for routing before the cost is known. Reads nothing when the tenant has no budgets or quotas. */
  guard(tenant: Tenant): Promise<GuardState>;
}

/**
 * Creates the admission step the gateway calls once per request, after routing chose a model
 * (so the worst-case cost is known). The ledger runs for every tenant, so spend is tracked even
 * before a budget is set.
 *
 * @example
 * const admission = createAdmission({ rateLimiter: storage.rateLimiter, ledger: storage.ledger });
 * const outcome = await admission.admit({ tenant, key, inputTokens: 1200, maxOutputTokens: 1024, worstCaseUsd: 0.02, tier: 'medium' });
 * if (!outcome.admitted) return errorResponse(outcome.error, outcome.headers);
 * // … call the provider, then in the background:
 * void outcome.ticket.settle({ usd: 0.004, inputTokens: 1187, outputTokens: 301 });
 */
export function createAdmission(options: AdmissionOptions): Admission {
  const clock = options.clock ?? systemClock;
  const windowMs = options.windowMs ?? 60_000;
  const onError = options.onError ?? ((error: unknown, context: string) => console.error(`refract: ${context}`, error));
  const { rateLimiter, ledger } = options;

  const failure = (error: unknown): AdmissionOutcome => {
    if (options.onStorageFailure === 'open') {
      onError(error, 'admission storage failure; admitted without limits (onStorageFailure: open)');
      return { admitted: true, ticket: NOOP_TICKET, guard: INACTIVE_GUARD, headers: { 'x-refract-admission': 'degraded' } };
    }
    const storageError = isRefractError(error) && error.code === 'REFRACT_ERR_STORAGE'
      ? error
      : new RefractError('REFRACT_ERR_STORAGE', 'Rate limits and budgets cannot be checked right now; retry shortly', { cause: error });
    return { admitted: false, error: storageError, headers: retryAfterHeaders(1000) };
  };

  return {
    async guard(tenant: Tenant): Promise<GuardState> {
      const limits = ledgerLimitsFor(tenant);
      const relevant = limits.filter((limit) => limit.enforcement !== 'hard_block' || (tenant.budgets.guard && limit.source.startsWith('budget.')));
      if (relevant.length === 0) return INACTIVE_GUARD;
      const kinds = BUDGET_WINDOW_KINDS.filter((kind) => relevant.some((limit) => limit.window === kind));
      const usage = await Promise.all(kinds.map((kind) => ledger.usage(tenant.slug, kind)));
      return evaluateGuard(tenant, limits, usage);
    },

    async admit(request: AdmissionRequest): Promise<AdmissionOutcome> {
      const rules = rateLimitRules(request.tenant, request.key, windowMs);
      const inputTokens = Math.max(0, Math.ceil(request.inputTokens));
      const decisions: RateLimitDecision[] = [];
      try {
        for (const rule of rules) {
          const decision = await rateLimiter.consume(rule, { requests: 1, tokens: inputTokens });
          decisions.push(decision);
          if (!decision.allowed) {
            return { admitted: false, error: rateLimitError(request.tenant.slug, rule, decision), headers: rateLimitHeaders(decisions, clock.now()) };
          }
        }
      } catch (error) {
        return failure(error);
      }
      const headers = rateLimitHeaders(decisions, clock.now());
      const limits = ledgerLimitsFor(request.tenant);
      let reservation: Reservation;
      let guard: GuardState;
      try {
        const outcome = await ledger.reserve({
          tenant: request.tenant.slug,
          amounts: {
            usdMicros: microsFromUsdCeil(Math.max(0, request.worstCaseUsd)),
            tokens: inputTokens + Math.max(0, Math.ceil(request.maxOutputTokens ?? 0)),
            requests: 1,
          },
          limits,
        });
        if (!outcome.ok) {
          return {
            admitted: false,
            error: ledgerError(request.tenant.slug, outcome.limit, outcome.retryAfterMs),
            headers: { ...headers, ...retryAfterHeaders(outcome.retryAfterMs) },
          };
        }
        reservation = outcome.reservation;
        guard = evaluateGuard(request.tenant, limits, outcome.usage);
        if (request.tier !== undefined && guard.blockedTiers.includes(request.tier)) {
          await ledger.release(reservation);
          const error = new RefractError('REFRACT_ERR_BUDGET_GUARD', `The budget guard of tenant '${request.tenant.slug}' blocks tier '${request.tier}' (${guard.reasons.map((reason) => reason.source).join(', ')})`, {
            details: { blocked_tiers: guard.blockedTiers },
          });
          return { admitted: false, error, headers };
        }
      } catch (error) {
        return failure(error);
      }
      if (guard.warnings.length > 0) headers['x-refract-budget-warning'] = guard.warnings.join('; ');
      return { admitted: true, ticket: ticketFor(reservation, decisions, rules, inputTokens), guard, headers };
    },
  };

  function ticketFor(reservation: Reservation, decisions: RateLimitDecision[], rules: RateLimitRule[], estimatedInput: number): AdmissionTicket {
    let done: Promise<void> | undefined;
    return {
      reservation,
      settle(actual: ActualUsage): Promise<void> {
        done ??= retrying('settle', async () => {
          const tokens = Math.max(0, Math.round(actual.inputTokens)) + Math.max(0, Math.round(actual.outputTokens));
          await ledger.settle(reservation, { usdMicros: microsFromUsd(Math.max(0, actual.usd)), tokens, requests: 1 });
          const delta = tokens - estimatedInput;
          for (const [index, rule] of rules.entries()) {
            const decision = decisions[index];
            if (decision && rule.maxTokens !== undefined && delta !== 0) await rateLimiter.adjust(rule, decision.windowStart, { tokens: delta });
          }
        });
        return done;
      },
      release(): Promise<void> {
        done ??= retrying('release', () => ledger.release(reservation));
        return done;
      },
    };
  }

  async function retrying(what: string, work: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await work();
        return;
      } catch (error) {
        if (attempt >= 3) {
          onError(error, `ledger ${what} failed after ${attempt} attempts; the reservation is released by the ledger sweep`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** (attempt - 1)));
      }
    }
  }
}

const NOOP_TICKET: AdmissionTicket = { settle: async () => {}, release: async () => {} };

function rateLimitError(tenant: string, rule: RateLimitRule, decision: RateLimitDecision): RefractError {
  const what = decision.exceeded === 'tokens' ? `${rule.maxTokens} tokens` : `${rule.maxRequests} requests`;
  const who = rule.scope.startsWith('key:') ? 'this API key' : `tenant '${tenant}'`;
  const seconds = Math.ceil(decision.retryAfterMs / 1000);
  return new RefractError('REFRACT_ERR_RATE_LIMITED', `Rate limit of ${what} per ${rule.windowMs / 1000} s reached for ${who}; retry in ${seconds} s`, {
    details: { scope: rule.scope.startsWith('key:') ? 'key' : 'tenant', limit: decision.exceeded, retry_after_ms: decision.retryAfterMs, reset_at: new Date(decision.resetAt).toISOString() },
  });
}

function ledgerError(tenant: string, limit: LedgerLimit, retryAfterMs: number): RefractError {
  const isBudget = limit.source.startsWith('budget.');
  const amount = limit.metric === 'usd' ? `$${limit.limit}` : `${limit.limit} ${limit.metric}`;
  return new RefractError(
    isBudget ? 'REFRACT_ERR_BUDGET_EXCEEDED' : 'REFRACT_ERR_QUOTA_EXCEEDED',
    `Tenant '${tenant}' reached its ${limit.window}ly ${isBudget ? 'budget' : 'quota'} of ${amount} (${limit.source}), counting requests in flight`,
    { details: { source: limit.source, window: limit.window, limit: limit.limit, retry_after_ms: retryAfterMs } },
  );
}
