import { errorCatalog, type RefractErrorCode } from './error-codes';

export interface RefractErrorOptions {
  /** Overrides the catalog status (for example a provider's own 4xx). */
  status?: number;
  /** The request parameter the error is about, reported as `error.param`. */
  param?: string;
  cause?: unknown;
  /** Extra machine-readable detail, sent to clients under `error.details`. */
  details?: Record<string, unknown>;
}

/**
 * The one error family of Refract. Every error thrown on purpose is a `RefractError` with a stable
 * `code` from the catalog; the HTTP layer turns it into an OpenAI-format error body.
 *
 * @example
 * throw new RefractError('REFRACT_ERR_MODEL_NOT_ALLOWED', "Model 'gpt-4o' is not allowed", { param: 'model' });
 */
export class RefractError extends Error {
  override readonly name: string = 'RefractError';
  readonly code: RefractErrorCode;
  readonly status: number;
  readonly type: string;
  readonly param: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: RefractErrorCode, message: string, options: RefractErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const entry = errorCatalog[code];
    this.code = code;
    this.status = options.status ?? entry.status;
    this.type = entry.type;
    this.param = options.param;
    this.details = options.details;
  }

  /** The OpenAI `error.code` value for this error. */
  get openaiCode(): string {
    return errorCatalog[this.code].openaiCode;
  }
}

export function isRefractError(value: unknown): value is RefractError {
  return value instanceof RefractError;
}
