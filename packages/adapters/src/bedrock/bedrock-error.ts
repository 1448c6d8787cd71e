import {
  ProviderError,
  classifyProviderError,
  parseContextWindow,
  parseMaxTokensLimit,
  parseRetryAfterMs,
  type ProviderErrorKind,
} from '@refract/core';
import { headerValue, readBounded, type HttpResponse } from '../shared';

/** Bedrock error types (HTTP `x-amzn-errortype`, or `:exception-type` in a stream) → error kind. */
const KIND_BY_TYPE: Record<string, ProviderErrorKind> = {
  throttling: 'rate_limit',
  toomanyrequests: 'rate_limit',
  servicequotaexceeded: 'rate_limit',
  modelnotready: 'overloaded',
  serviceunavailable: 'overloaded',
  internalserver: 'server',
  internalfailure: 'server',
  modelstreamerror: 'server',
  modelerror: 'server',
  modeltimeout: 'timeout',
  accessdenied: 'permission',
  unrecognizedclient: 'auth',
  invalidsignature: 'auth',
  incompletesignature: 'auth',
  expiredtoken: 'auth',
  invalidclienttokenid: 'auth',
  missingauthenticationtoken: 'auth',
  resourcenotfound: 'not_found',
  validation: 'bad_request',
  conflict: 'bad_request',
};

export interface BedrockErrorInput {
  provider: string;
  /** The HTTP status, when the error came as a response rather than inside a stream. */
  status?: number | undefined;
  /** e.g. `ThrottlingException`, `validationException`, `ValidationException:http://internal.amazon.com/…`. */
  errorType?: string | undefined;
  message: string;
  retryAfterMs?: number | undefined;
  /** Set for in-stream errors (status 200 with an exception frame). */
  inStream?: boolean;
}

/**
 * One `ProviderError` for a Bedrock failure, from an HTTP error response or an exception frame in
 * a ConverseStream. The Bedrock error type decides first (throttling → rate_limit,
 * ServiceUnavailable/ModelNotReady → overloaded, …; a throttling message such as "Too many tokens,
 * please wait" is never taken for an overflow). For validation errors and untyped ones, context-window
 * overflow ("Input is too long for requested model", "too many input tokens", "prompt is too long")
 * and max_tokens limits are recognised from the message, then the HTTP status decides.
 */
export function bedrockProviderError(input: BedrockErrorInput): ProviderError {
  const type = normalizeErrorType(input.errorType);
  const byType = type ? KIND_BY_TYPE[type.toLowerCase().replace(/exception$/, '')] : undefined;
  let kind: ProviderErrorKind;
  if (byType !== undefined && byType !== 'bad_request') {
    // Throttling says "Too many tokens, please wait…": the type must win over message patterns.
    kind = byType;
  } else if (input.status === 429) {
    kind = 'rate_limit';
  } else {
    const byMessage = classifyProviderError({ status: input.status, code: type, message: input.message });
    kind = byMessage === 'context_overflow' || byMessage === 'max_tokens' ? byMessage : (byType ?? byMessage);
  }
  const where = input.inStream ? 'stream error' : `HTTP ${input.status ?? '?'}`;
  return new ProviderError({
    provider: input.provider,
    kind,
    message: `${where}${type ? ` ${type}` : ''}: ${input.message}`,
    providerStatus: input.status,
    providerCode: type,
    retryAfterMs: input.retryAfterMs,
    maxTokensLimit: kind === 'max_tokens' ? parseMaxTokensLimit(input.message) : undefined,
    contextWindow: kind === 'context_overflow' ? parseContextWindow(input.message) : undefined,
  });
}

/**
 * The `ProviderError` for a non-2xx Bedrock response. Bedrock sends `{"message": …}` (sometimes
 * `Message`) and the error type in the `x-amzn-errortype` header (or `__type` in the body).
 */
export async function bedrockErrorFromResponse(provider: string, response: HttpResponse): Promise<ProviderError> {
  const text = await readBounded(response.body, 64 * 1024);
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    body = {};
  }
  const message = stringOf(body['message']) ?? stringOf(body['Message']) ?? (describeNonJson(text) || `HTTP ${response.status}`);
  return bedrockProviderError({
    provider,
    status: response.status,
    errorType: headerValue(response.headers, 'x-amzn-errortype') ?? stringOf(body['__type']),
    message,
    retryAfterMs: parseRetryAfterMs((name) => headerValue(response.headers, name)),
  });
}

/** `ValidationException:http://internal.amazon.com/coral/…` → `ValidationException`; `com.amazon#X` → `X`. */
export function normalizeErrorType(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const withoutUri = raw.split(':')[0] ?? raw;
  const name = withoutUri.split('#').pop()?.trim() ?? '';
  return name === '' ? undefined : name;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A body that is not JSON: an HTML page usually means a proxy, VPC endpoint or firewall answered. */
function describeNonJson(text: string): string {
  const trimmed = text.trim();
  if (/^<(?:!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return `an HTML page${title ? ` ('${title}')` : ''} instead of a Bedrock response: a proxy, VPC endpoint or firewall may have answered`;
  }
  return trimmed.slice(0, 500);
}
