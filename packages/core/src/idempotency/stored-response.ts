import type { StoredResponse } from './idempotency-store';

/** Header added to a replayed response (the name Stripe and others use). */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Reads a web `Response` into what idempotency stores (status, headers, body text).
 *
 * @example
 * const stored = await storedFromResponse(new Response(JSON.stringify(completion), { headers: { 'content-type': 'application/json' } }));
 */
export async function storedFromResponse(response: Response): Promise<StoredResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

/**
 * Rebuilds a web `Response`; a replay carries `idempotent-replayed: true`.
 *
 * @example
 * const { response, replayed } = await idempotency.run(request, execute);
 * return responseFromStored(response, replayed);
 */
export function responseFromStored(stored: StoredResponse, replayed: boolean): Response {
  const headers = new Headers(stored.headers);
  if (replayed) headers.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return new Response(stored.body, { status: stored.status, headers });
}
