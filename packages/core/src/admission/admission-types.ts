import type { GuardState } from '../budgets/budget-guard';
import type { Reservation } from '../budgets/ledger';
import type { RefractError } from '../errors/refract-error';
import type { ApiKeyRecord } from '../storage/api-key-record';
import type { Tenant } from '../tenants/tenant-schema';
import type { Tier } from '../tiers/tiers';

export interface AdmissionRequest {
  tenant: Tenant;
  /** The authenticated key; its own limits apply on top of the tenant's. */
  key?: Pick<ApiKeyRecord, 'id' | 'limits'>;
  /** Estimated input tokens (counted against TPM now, corrected at settle). */
  inputTokens: number;
  /** The output the request may produce at most (its `max_tokens` after clamping). */
  maxOutputTokens?: number;
  /** Input plus maximum output at the chosen model's prices, in USD: what the ledger reserves. */
  worstCaseUsd: number;
  /** The tier of the chosen model; refused when the budget guard blocks it. */
  tier?: Tier;
}

/** What the request actually used, reported when it completes. */
export interface ActualUsage {
  usd: number;
  inputTokens: number;
  outputTokens: number;
}

/**
 * The handle of an admitted request: call `settle` once it completes (successfully or after
 * partial output that was billed) or `release` if it failed before costing anything. Both are
 * idempotent, run in the background and never reject: failures are retried, then reported to
 * `onError`; an unsettled reservation is released by the ledger's sweep after its lease.
 */
export interface AdmissionTicket {
  readonly reservation?: Reservation;
  settle(actual: ActualUsage): Promise<void>;
  release(): Promise<void>;
}

export type AdmissionOutcome =
  | {
      admitted: true;
      ticket: AdmissionTicket;
      /** Cost mode and blocked tiers the router must respect for this request. */
      guard: GuardState;
      /** `x-ratelimit-*` (and `x-refract-budget-warning`) headers for the response. */
      headers: Record<string, string>;
    }
  | {
      admitted: false;
      /** 429 (rate limit, budget, quota, guard) or 503 (storage unreachable). */
      error: RefractError;
      /** `retry-after`, `retry-after-ms` and `x-ratelimit-*` headers for the error response. */
      headers: Record<string, string>;
    };
