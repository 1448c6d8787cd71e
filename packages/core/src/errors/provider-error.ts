import type { RefractErrorCode } from './error-codes';
import { RefractError } from './refract-error';

/** What went wrong at a provider, normalised across providers. */
export type ProviderErrorKind =
  | 'context_overflow'
  | 'max_tokens'
  | 'rate_limit'
  | 'overloaded'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'bad_request'
  | 'content_filter'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'decode'
  | 'unknown';

export interface ProviderErrorInit {
  /** Provider instance id, e.g. `openai` or `bedrock-eu`. */
  provider: string;
  kind: ProviderErrorKind;
  message: string;
  /** HTTP status the provider answered with, if any. */
  providerStatus?: number | undefined;
  /** The provider's own error code or type, e.g. `rate_limit_exceeded`, `overloaded_error`. */
  providerCode?: string | undefined;
  /** Overrides the default retryability of `kind`. */
  retryable?: boolean | undefined;
  retryAfterMs?: number | undefined;
  /** The output limit the provider named in a max_tokens error. */
  maxTokensLimit?: number | undefined;
  /** The context window the provider named in an overflow error (learned by the router). */
  contextWindow?: number | undefined;
  /** The request parameter at fault, e.g. `messages.1.content.0` for an image the adapter could not fetch; sent as `error.param`. */
  param?: string | undefined;
  cause?: unknown | undefined;
}

const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set([
  'rate_limit',
  'overloaded',
  'server',
  'network',
  'timeout',
]);

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);

/**
 * One error type for every provider failure: HTTP status, the provider's code and message,
 * whether a retry may help (`retryable`: 408/409/429/5xx/network/timeout), how long to wait
 * (`retryAfterMs`, from the provider's headers), and typed recognition of context-window overflow
 * (`kind === 'context_overflow'`) so the router can move to a larger model.
 */
export class ProviderError extends RefractError {
  override readonly name = 'ProviderError';
  readonly provider: string;
  readonly kind: ProviderErrorKind;
  readonly providerStatus: number | undefined;
  readonly providerCode: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly maxTokensLimit: number | undefined;
  readonly contextWindow: number | undefined;

  constructor(init: ProviderErrorInit) {
    super(codeForKind(init.kind), `[${init.provider}] ${init.message}`, {
      status: clientStatus(init.kind, init.providerStatus),
      cause: init.cause,
      ...(init.param !== undefined ? { param: init.param } : {}),
      details: compact({
        provider: init.provider,
        kind: init.kind,
        provider_status: init.providerStatus,
        provider_code: init.providerCode,
        max_tokens_limit: init.maxTokensLimit,
        context_window: init.contextWindow,
      }),
    });
    this.provider = init.provider;
    this.kind = init.kind;
    this.providerStatus = init.providerStatus;
    this.providerCode = init.providerCode;
    this.retryable =
      init.retryable ??
      (RETRYABLE_KINDS.has(init.kind) ||
        (init.providerStatus !== undefined && RETRYABLE_STATUSES.has(init.providerStatus)));
    this.retryAfterMs = init.retryAfterMs;
    this.maxTokensLimit = init.maxTokensLimit;
    this.contextWindow = init.contextWindow;
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

function codeForKind(kind: ProviderErrorKind): RefractErrorCode {
  switch (kind) {
    case 'timeout':
      return 'REFRACT_ERR_PROVIDER_TIMEOUT';
    case 'aborted':
      return 'REFRACT_ERR_ABORTED';
    case 'decode':
      return 'REFRACT_ERR_STREAM_DECODE';
    case 'context_overflow':
      return 'REFRACT_ERR_CONTEXT_TOO_LARGE';
    default:
      return 'REFRACT_ERR_PROVIDER';
  }
}

/** The status a client of Refract sees: the provider's own for the client's faults, else 5xx. */
function clientStatus(kind: ProviderErrorKind, providerStatus: number | undefined): number {
  switch (kind) {
    case 'context_overflow':
    case 'max_tokens':
    case 'bad_request':
    case 'content_filter':
      return 400;
    case 'rate_limit':
      return 429;
    case 'overloaded':
      return 503;
    case 'timeout':
      return 504;
    case 'aborted':
      return 499;
    case 'not_found':
      return 404;
    default:
      return providerStatus !== undefined && providerStatus >= 500 ? 502 : 502;
  }
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
