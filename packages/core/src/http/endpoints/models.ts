import { RefractError } from '../../errors/refract-error';
import type { EndpointContext } from '../endpoint-context';
import { jsonResponse } from '../responses';

interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/**
 * `GET /v1/models` (auto-routing models first, then every deployment the tenant may use, as
 * `provider/model`) and `GET /v1/models/{id}` (by either spelling).
 */
export async function models(context: EndpointContext): Promise<Response> {
  const { router } = context;
  const identity = await context.identify();
  const tenant = await router.tenants.get(identity.tenant);
  const created = Math.floor(router.clock.now() / 1000);
  const list: ModelObject[] = router.config.routing.autoModels.map((id) => ({ id, object: 'model', created, owned_by: 'refract' }));
  for (const deployment of router.deployments.all) {
    if (!tenant.allowed(deployment)) continue;
    list.push({ id: `${deployment.provider}/${deployment.model}`, object: 'model', created, owned_by: deployment.provider });
  }
  const match = context.match;
  if (match.kind === 'models' && match.id !== undefined) {
    const wanted = match.id;
    const found =
      list.find((model) => model.id === wanted) ?? list.find((model) => model.id.slice(model.id.indexOf('/') + 1) === wanted && model.owned_by !== 'refract');
    if (!found) throw new RefractError('REFRACT_ERR_MODEL_NOT_FOUND', `The model '${wanted}' does not exist or is not available to this key.`, { param: 'model' });
    return jsonResponse(found);
  }
  return jsonResponse({ object: 'list', data: list });
}
