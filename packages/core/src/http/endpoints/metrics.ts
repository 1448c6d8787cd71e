import type { EndpointContext } from '../endpoint-context';

/** `GET /metrics` in the Prometheus text format. */
export async function metrics(context: EndpointContext): Promise<Response> {
  return new Response(context.metrics.render(context.router.gateway.breaker.snapshot()), {
    status: 200,
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
  });
}
