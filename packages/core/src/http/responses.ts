import { RefractError } from '../errors/refract-error';
import { toOpenAIError } from '../errors/to-openai-error';

/**
 * Where `jsonResponse` keeps its body text (a non-enumerable property). A Node bridge can send that
 * string instead of reading the body stream back, which costs more than building the response;
 * anything else reads the body as usual.
 */
export const RESPONSE_TEXT: unique symbol = Symbol.for('refract.response-text') as never;

/** A JSON response with `content-type` set. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } });
  Object.defineProperty(response, RESPONSE_TEXT, { value: text });
  return response;
}

/**
 * Any error as an OpenAI-format error response with the right status; unexpected errors become a
 * 500 with a generic message (and are reported through `onUnexpected`, never to the client).
 */
export function errorResponse(error: unknown, headers: Record<string, string> = {}, onUnexpected?: (error: unknown) => void): Response {
  const { status, body } = toOpenAIError(error);
  if (!(error instanceof RefractError)) onUnexpected?.(error);
  const extra: Record<string, string> = {};
  if (error instanceof RefractError) {
    const retryAfter = (error as { retryAfterMs?: unknown }).retryAfterMs;
    if (typeof retryAfter === 'number' && status === 429) extra['retry-after'] = String(Math.max(1, Math.ceil(retryAfter / 1000)));
  }
  return jsonResponse(body, status, { ...extra, ...headers });
}
