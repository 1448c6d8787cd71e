/**
 * The request as the core handler should see it when the app serves Refract under `prefix`
 * (`/ai/v1/models` → `/v1/models`). Method, headers, body and abort signal are carried over; the
 * body is streamed, not read. Returns the request itself when there is nothing to strip.
 *
 * @example
 * stripPrefix(new Request('http://x/ai/v1/models'), '/ai').url; // 'http://x/v1/models'
 */
export function stripPrefix(request: Request, prefix: string): Request {
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed === '') return request;
  const url = new URL(request.url);
  if (url.pathname !== trimmed && !url.pathname.startsWith(`${trimmed}/`)) return request;
  url.pathname = url.pathname.slice(trimmed.length) || '/';
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers, signal: request.signal };
  if (request.body !== null) {
    init.body = request.body;
    init.duplex = 'half';
  }
  return new Request(url, init);
}
