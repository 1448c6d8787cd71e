import { RefractError } from '../errors/refract-error';
import { toOpenAIError } from '../errors/to-openai-error';

/** A JSON response with `content-type` set. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
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
