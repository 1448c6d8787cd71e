import type { EndpointContext } from '../endpoint-context';
import { jsonResponse } from '../responses';

/**
 * `GET /health` and `GET /v1/health`: providers, their models and circuit states, and storage.
 * 200 while something can serve requests (`ok` or `degraded`), 503 when nothing can.
 */
export async function health(context: EndpointContext): Promise<Response> {
  const { router } = context;
  const breakers = new Map(router.gateway.breaker.snapshot().map((snapshot) => [snapshot.key, snapshot]));
  const providers = new Map<string, { id: string; type: string; adapter: boolean; models: { id: string; tier: string; circuit: string }[] }>();
  let available = 0;
  for (const deployment of router.deployments.all) {
    const entry = providers.get(deployment.provider) ?? { id: deployment.provider, type: deployment.providerType, adapter: router.adapters[deployment.provider] !== undefined, models: [] };
    providers.set(deployment.provider, entry);
    const circuit = router.gateway.breaker.state(deployment.key);
    entry.models.push({ id: deployment.model, tier: deployment.tier, circuit });
    if (entry.adapter && circuit !== 'open') available += 1;
  }
  const storage = context.options.health ? await context.options.health().catch((error: unknown) => ({ status: 'down' as const, error: String(error) })) : undefined;
  const openCircuits = [...breakers.values()].filter((snapshot) => snapshot.state !== 'closed');
  const status = available === 0 || storage?.status === 'down' ? 'down' : openCircuits.length > 0 || storage?.status === 'degraded' ? 'degraded' : 'ok';
  return jsonResponse(
    { status, time: new Date(router.clock.now()).toISOString(), providers: [...providers.values()], circuits: [...breakers.values()], ...(storage ? { storage } : {}) },
    status === 'down' ? 503 : 200,
  );
}
