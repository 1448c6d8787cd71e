import type { Deployment } from '../deployments/deployment';
import { RefractError } from '../errors/refract-error';
import type { RoutingSettings } from './config-schema';
import type { DeploymentIndex } from './deployment-index';
import type { TenantContext } from './tenant-context';

export type ModelResolution =
  | { kind: 'auto'; requested: string; alias: string | undefined }
  | {
      kind: 'explicit';
      requested: string;
      alias: string | undefined;
      /** The provider the client named with a `provider/` prefix. */
      provider: string | undefined;
      /** Allowed deployments of the model, preferred first. */
      deployments: Deployment[];
      /** The client appended the opt-out suffix: keep this model whatever the force-route mode. */
      optOut: boolean;
    };

/**
 * Resolves the requested model name, once, before routing: opt-out suffix, tenant alias, the auto
 * models, a `provider/` prefix (only when it names a configured provider, so `meta-llama/…` stays
 * a model id), then the deployments serving it. The tenant policy applies to the requested model
 * here and to every routed, fallback and upgraded model later.
 *
 * @throws RefractError `REFRACT_ERR_MODEL_NOT_FOUND` (404) or `REFRACT_ERR_MODEL_NOT_ALLOWED` (403).
 */
export function resolveModel(requested: string, tenant: TenantContext, index: DeploymentIndex, settings: RoutingSettings): ModelResolution {
  let name = requested.trim();
  const optOut = name.length > settings.optOutSuffix.length && name.endsWith(settings.optOutSuffix);
  if (optOut) name = name.slice(0, -settings.optOutSuffix.length);
  const aliased = tenant.aliases[name] ?? tenant.aliases[name.toLowerCase()];
  const alias = aliased === undefined ? undefined : name;
  if (aliased !== undefined) name = aliased;

  if (settings.autoModels.includes(name) || settings.autoModels.includes(name.toLowerCase())) {
    return { kind: 'auto', requested, alias };
  }

  let provider: string | undefined;
  let model = name;
  const slash = name.indexOf('/');
  if (slash > 0 && index.providers.has(name.slice(0, slash))) {
    provider = name.slice(0, slash);
    model = name.slice(slash + 1);
  }
  const found = index.find(model, provider);
  if (found.length === 0) {
    throw new RefractError(
      'REFRACT_ERR_MODEL_NOT_FOUND',
      `The model '${name}' is not served by any configured provider${provider ? ` (looked at '${provider}')` : ''}. Use model 'auto' to let Refract choose, or GET /v1/models for the list.`,
      { param: 'model' },
    );
  }
  const allowed = found.filter((deployment) => tenant.policy.allows(deployment));
  if (allowed.length === 0) {
    throw new RefractError('REFRACT_ERR_MODEL_NOT_ALLOWED', `The model '${name}' is not allowed by the model policy of tenant '${tenant.slug}'.`, {
      param: 'model',
    });
  }
  allowed.sort((a, b) => b.priority - a.priority || a.pricing.input + a.pricing.output - (b.pricing.input + b.pricing.output));
  return { kind: 'explicit', requested, alias, provider, deployments: allowed, optOut };
}
