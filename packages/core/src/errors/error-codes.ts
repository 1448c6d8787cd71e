/**
 * The catalog of Refract error codes. A code is never reused or renamed once released: add new
 * codes at the end of a group and retire old ones by marking them, not by deleting them.
 *
 * `status` and `type` are what the HTTP layer sends in the OpenAI error body; `openaiCode` is the
 * `error.code` field clients see (OpenAI's own spelling where one exists).
 */
export const errorCatalog = {
  // request and configuration
  REFRACT_ERR_VALIDATION: { status: 400, type: 'invalid_request_error', openaiCode: 'invalid_request', description: 'The request body does not match the chat-completions schema.' },
  REFRACT_ERR_CONFIG: { status: 500, type: 'server_error', openaiCode: 'invalid_config', description: 'The router configuration is invalid.' },
  REFRACT_ERR_INVALID_JSON: { status: 400, type: 'invalid_request_error', openaiCode: 'invalid_json', description: 'The request body is not valid JSON.' },
  REFRACT_ERR_BODY_TOO_LARGE: { status: 413, type: 'invalid_request_error', openaiCode: 'request_too_large', description: 'The request body exceeds the configured size limit.' },
  REFRACT_ERR_NOT_FOUND: { status: 404, type: 'invalid_request_error', openaiCode: 'not_found', description: 'No such route or resource.' },
  REFRACT_ERR_METHOD_NOT_ALLOWED: { status: 405, type: 'invalid_request_error', openaiCode: 'method_not_allowed', description: 'The HTTP method is not allowed on this path.' },
  REFRACT_ERR_ALREADY_EXISTS: { status: 409, type: 'invalid_request_error', openaiCode: 'already_exists', description: 'A resource with this id or name already exists.' },

  // model resolution and routing
  REFRACT_ERR_MODEL_NOT_FOUND: { status: 404, type: 'invalid_request_error', openaiCode: 'model_not_found', description: 'The requested model is not served by any configured provider.' },
  REFRACT_ERR_MODEL_NOT_ALLOWED: { status: 403, type: 'permission_error', openaiCode: 'model_not_allowed', description: 'The tenant model policy does not allow this model.' },
  REFRACT_ERR_NO_CANDIDATE: { status: 422, type: 'invalid_request_error', openaiCode: 'no_eligible_model', description: 'No configured model satisfies the request (capabilities, context window, policy).' },
  REFRACT_ERR_CONTEXT_TOO_LARGE: { status: 400, type: 'invalid_request_error', openaiCode: 'context_length_exceeded', description: 'The request does not fit the context window of any eligible model, even after truncation.' },
  REFRACT_ERR_TENANT_UNKNOWN: { status: 404, type: 'invalid_request_error', openaiCode: 'tenant_not_found', description: 'No such tenant.' },

  // providers
  REFRACT_ERR_PROVIDER: { status: 502, type: 'api_error', openaiCode: 'provider_error', description: 'The provider returned an error.' },
  REFRACT_ERR_PROVIDER_TIMEOUT: { status: 504, type: 'api_error', openaiCode: 'provider_timeout', description: 'The provider did not answer in time.' },
  REFRACT_ERR_PROVIDER_UNAVAILABLE: { status: 503, type: 'api_error', openaiCode: 'provider_unavailable', description: 'Every provider for this request is failing or its circuit is open.' },
  REFRACT_ERR_STREAM_DECODE: { status: 502, type: 'api_error', openaiCode: 'stream_decode_error', description: 'A provider stream could not be decoded.' },
  REFRACT_ERR_ABORTED: { status: 499, type: 'api_error', openaiCode: 'request_aborted', description: 'The caller aborted the request.' },
  REFRACT_ERR_UNSUPPORTED: { status: 400, type: 'invalid_request_error', openaiCode: 'unsupported_parameter', description: 'The provider cannot honour a request parameter and it cannot be dropped safely.' },

  // classifier
  REFRACT_ERR_CLASSIFIER: { status: 500, type: 'server_error', openaiCode: 'classifier_error', description: 'The classifier failed; routing fell back to signals.' },

  // tenants, keys, limits
  REFRACT_ERR_AUTH_MISSING: { status: 401, type: 'authentication_error', openaiCode: 'missing_api_key', description: 'No API key was sent.' },
  REFRACT_ERR_AUTH_INVALID: { status: 401, type: 'authentication_error', openaiCode: 'invalid_api_key', description: 'The API key is not valid.' },
  REFRACT_ERR_AUTH_DISABLED: { status: 401, type: 'authentication_error', openaiCode: 'api_key_disabled', description: 'The API key is disabled.' },
  REFRACT_ERR_AUTH_EXPIRED: { status: 401, type: 'authentication_error', openaiCode: 'api_key_expired', description: 'The API key has expired.' },
  REFRACT_ERR_TENANT_DISABLED: { status: 403, type: 'permission_error', openaiCode: 'tenant_disabled', description: 'The tenant is disabled.' },
  REFRACT_ERR_FORBIDDEN: { status: 403, type: 'permission_error', openaiCode: 'forbidden', description: 'This key may not access this resource.' },
  REFRACT_ERR_RATE_LIMITED: { status: 429, type: 'rate_limit_error', openaiCode: 'rate_limit_exceeded', description: 'A requests-per-minute or tokens-per-minute limit was reached.' },
  REFRACT_ERR_BUDGET_EXCEEDED: { status: 429, type: 'insufficient_quota', openaiCode: 'budget_exceeded', description: 'The tenant budget for the current window is spent.' },
  REFRACT_ERR_BUDGET_GUARD: { status: 429, type: 'insufficient_quota', openaiCode: 'budget_guard_tier_blocked', description: 'The budget guard blocks this model tier.' },
  REFRACT_ERR_QUOTA_EXCEEDED: { status: 429, type: 'insufficient_quota', openaiCode: 'quota_exceeded', description: 'A tenant quota is exhausted.' },
  REFRACT_ERR_IDEMPOTENCY_CONFLICT: { status: 409, type: 'invalid_request_error', openaiCode: 'idempotency_conflict', description: 'The Idempotency-Key was reused with a different request body.' },
  REFRACT_ERR_IDEMPOTENCY_IN_PROGRESS: { status: 409, type: 'invalid_request_error', openaiCode: 'idempotency_in_progress', description: 'A request with this Idempotency-Key is still running; retry later.' },
  REFRACT_ERR_ADMIN_DISABLED: { status: 403, type: 'permission_error', openaiCode: 'admin_api_disabled', description: 'The admin API is disabled: no admin token is configured (REFRACT_ADMIN_TOKEN).' },

  // storage
  REFRACT_ERR_STORAGE: { status: 503, type: 'server_error', openaiCode: 'storage_unavailable', description: 'The storage backend is unreachable.' },
  REFRACT_ERR_INTERNAL: { status: 500, type: 'server_error', openaiCode: 'internal_error', description: 'An unexpected error.' },
  REFRACT_ERR_ENCRYPTION_KEY: { status: 500, type: 'server_error', openaiCode: 'encryption_key_error', description: 'The credential encryption key (REFRACT_ENCRYPTION_KEY) is missing, malformed or not the one the secret was encrypted with.' },
} as const satisfies Record<string, ErrorCatalogEntry>;

export interface ErrorCatalogEntry {
  readonly status: number;
  readonly type: string;
  readonly openaiCode: string;
  readonly description: string;
}

export type RefractErrorCode = keyof typeof errorCatalog;
