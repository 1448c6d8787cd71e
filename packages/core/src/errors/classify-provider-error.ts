import type { ProviderErrorKind } from './provider-error';

/**
 * Recognises context-window overflow and max_tokens errors across providers from status, code and
 * message. Providers word these differently; the patterns below are the ones OpenAI, Azure,
 * Anthropic, Bedrock, Gemini, Mistral, vLLM/sglang, Ollama and OpenRouter are known to send.
 */
const CONTEXT_OVERFLOW_CODES = new Set([
  'context_length_exceeded',
  'string_above_max_length',
  'request_too_large',
  'context_window_exceeded',
  'exceed_context_size_error',
]);

const CONTEXT_OVERFLOW_PATTERNS: readonly RegExp[] = [
  /context[_ ]length[_ ]exceeded/i,
  /maximum context length/i,
  /context (?:window|length) (?:of|is|exceeded|limit)/i,
  /exceeds? (?:the )?(?:model'?s? )?(?:maximum )?context (?:window|length|limit)/i,
  /prompt is too long/i,
  /input is too long/i,
  /input (?:tokens|length) (?:exceed|exceeds|exceeded)/i,
  /too many (?:input )?tokens/i,
  /(\d+) tokens? > (\d+) maximum/i,
  /input token count .* exceeds the maximum/i,
  /reduce the length of the messages/i,
  /requested \d+ tokens.*(?:maximum|context)/i,
  /please reduce (?:the length|your prompt)/i,
  // OpenAI-compatible servers: xAI, llama.cpp server, TGI/Together
  /maximum prompt length is \d+/i,
  /exceeds? the available context size/i,
  /tokens \+ `?max_new_tokens`? must be <=/i,
  // vLLM ("The decoder prompt (length 17772) is longer than …"), sglang, Ollama's cloud
  /is longer than the maximum model length/i,
  /is longer than the model'?s context length/i,
  /prompt too long; exceeded (?:the )?max(?:imum)? context length/i,
];

/**
 * Wording only a throttling or quota error uses. Bedrock's ThrottlingException says "Too many
 * tokens, please wait before trying again.", which an overflow pattern would also match: with a
 * 429, a throttling code or no status at all (an in-band stream error), this wording decides first.
 */
const THROTTLING_PATTERNS: readonly RegExp[] = [
  /please wait before/i,
  /rate[ _-]?limit/i,
  /throttl/i,
  /too many requests/i,
  /\bper (?:min(?:ute)?|hour|day|second)\b/i,
  /\b[RT]PM\b/,
  /quota/i,
  /resource (?:has been )?exhausted/i,
];

/** Codes and types that name throttling: Bedrock `ThrottlingException`, Gemini `RESOURCE_EXHAUSTED`, Azure `429`, … */
const THROTTLING_CODE = /throttl|rate_?limit|too_?many_?requests|resource_exhausted|quota|^429$/;

const MAX_TOKENS_PATTERNS: readonly RegExp[] = [
  /max_tokens.*(?:too large|exceeds|is greater than|must be (?:less|at most))/i,
  /maximum (?:output )?tokens.*(?:exceeds|model limit)/i,
  /max(?:imum)?_?(?:completion|output)_?tokens.*(?:exceeds|too large|limit)/i,
  /output token.*limit/i,
];

/** Extracts a numeric limit from a max_tokens error message, e.g. "limit of 8192" or "maximum is 4096". */
export function parseMaxTokensLimit(message: string): number | undefined {
  const match =
    /(?:limit|maximum|at most|max)\s*(?:of|is|:)?\s*(\d{2,7})/i.exec(message) ??
    /(\d{2,7})\s*(?:completion|output) tokens/i.exec(message);
  const value = match?.[1] ? Number(match[1]) : undefined;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Extracts the context window from an overflow message ("... maximum context length is 128000 tokens"). */
export function parseContextWindow(message: string): number | undefined {
  const patterns = [
    /(\d+) tokens? > (\d+) maximum/i,
    /maximum context length is (\d+)/i,
    /context (?:window|length) (?:of|is) (\d+)/i,
    /maximum (?:of )?(\d+) tokens/i,
    /maximum prompt length is (\d+)/i,
    /max_new_tokens`? must be <= (\d+)/i,
    /maximum model length of (\d+)/i,
    /context length \((\d+) tokens?\)/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    const raw = match?.[2] ?? match?.[1];
    if (raw) {
      const value = Number(raw);
      if (Number.isFinite(value) && value >= 1000) return value;
    }
  }
  return undefined;
}

/** Error types (or codes) that name a provider-side failure when no HTTP status is known. */
const SERVER_ERROR_TYPES: ReadonlySet<string> = new Set(['server_error', 'api_error', 'internal_error', 'internal_server_error', 'service_unavailable']);

export interface ErrorClassificationInput {
  status?: number | undefined;
  code?: string | undefined;
  type?: string | undefined;
  message: string;
}

/**
 * Maps an HTTP error from any provider to a `ProviderErrorKind`. Adapters call this with what
 * they parsed from the body; provider-specific codes (e.g. Anthropic `overloaded_error`) are
 * recognised here too so every adapter agrees.
 */
export function classifyProviderError(input: ErrorClassificationInput): ProviderErrorKind {
  const code = (input.code ?? '').toLowerCase();
  const type = (input.type ?? '').toLowerCase();
  const message = input.message;
  const status = input.status;

  // Throttling first: "Too many tokens, please wait" is Bedrock's rate limit, not an overflow.
  const throttledByStatusOrCode = status === 429 || THROTTLING_CODE.test(code) || THROTTLING_CODE.test(type);
  if ((throttledByStatusOrCode || status === undefined) && THROTTLING_PATTERNS.some((p) => p.test(message))) {
    return 'rate_limit';
  }
  if (CONTEXT_OVERFLOW_CODES.has(code) || CONTEXT_OVERFLOW_PATTERNS.some((p) => p.test(message))) {
    if (!MAX_TOKENS_PATTERNS.some((p) => p.test(message)) || /context/i.test(message)) {
      return 'context_overflow';
    }
  }
  if (MAX_TOKENS_PATTERNS.some((p) => p.test(message))) return 'max_tokens';
  if (status === 413) return 'context_overflow';
  if (type === 'overloaded_error' || code === 'overloaded' || status === 529) return 'overloaded';
  if (
    status === 429 ||
    code.includes('rate_limit') ||
    type.includes('rate_limit') ||
    /throttl/i.test(code + type + message) ||
    /quota/.test(code + ' ' + type)
  ) {
    return 'rate_limit';
  }
  if (status === 401 || type === 'authentication_error' || code === 'invalid_api_key') return 'auth';
  if (status === 403 || type === 'permission_error') return 'permission';
  if (status === 404 || type === 'not_found_error') return 'not_found';
  if (code === 'content_filter' || /content (?:management )?policy|content_filter/i.test(code + ' ' + message)) {
    return 'content_filter';
  }
  if (status === 408) return 'timeout';
  // A conflict with a request in progress is transient (the OpenAI SDKs retry 409 too): a client
  // error kind would make the router give up on a call that a retry would complete.
  if (status === 409) return 'overloaded';
  if (status !== undefined && status >= 500) return 'server';
  if (status !== undefined && status >= 400) return 'bad_request';
  // No status: an error inside a 200 stream. Its type still says whose fault it is.
  if (SERVER_ERROR_TYPES.has(type) || SERVER_ERROR_TYPES.has(code)) return 'server';
  if (type === 'invalid_request_error') return 'bad_request';
  return 'unknown';
}

/**
 * Reads how long to wait before retrying from response headers: `retry-after-ms`, `retry-after`
 * (seconds or an HTTP date), then the OpenAI-style `x-ratelimit-reset-*` durations ("1s", "6m0s").
 */
export function parseRetryAfterMs(
  getHeader: (name: string) => string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const ms = getHeader('retry-after-ms');
  if (ms) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = getHeader('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  for (const name of ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens']) {
    const value = getHeader(name);
    const parsed = value ? parseDuration(value) : undefined;
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

/** Parses Go-style durations as sent by OpenAI: "1s", "6m0s", "250ms", "1h2m". */
export function parseDuration(text: string): number | undefined {
  const pattern = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = false;
  for (const match of text.matchAll(pattern)) {
    matched = true;
    const value = Number(match[1]);
    const unit = match[2];
    total += unit === 'ms' ? value : unit === 's' ? value * 1000 : unit === 'm' ? value * 60_000 : value * 3_600_000;
  }
  return matched ? total : undefined;
}
