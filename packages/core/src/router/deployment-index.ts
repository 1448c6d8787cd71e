import type { ModelCatalog } from '../catalog/model-catalog';
import { normalizeModelId } from '../catalog/normalize-model-id';
import type { Deployment } from '../deployments/deployment';

/** Finds deployments by provider, by provider model id and by catalog id. */
export class DeploymentIndex {
  readonly all: readonly Deployment[];
  readonly providers: ReadonlySet<string>;
  private readonly byKey = new Map<string, Deployment>();
  private readonly byModel = new Map<string, Deployment[]>();
  private readonly byCatalogId = new Map<string, Deployment[]>();

  constructor(
    deployments: readonly Deployment[],
    private readonly catalog: ModelCatalog,
  ) {
    this.all = deployments;
    this.providers = new Set(deployments.map((deployment) => deployment.provider));
    for (const deployment of deployments) {
      this.byKey.set(deployment.key, deployment);
      push(this.byModel, deployment.model.toLowerCase(), deployment);
      push(this.byModel, normalizeModelId(deployment.model), deployment);
      if (deployment.catalogId) push(this.byCatalogId, deployment.catalogId, deployment);
    }
  }

  get(provider: string, model: string): Deployment | undefined {
    return this.byKey.get(`${provider}/${model}`);
  }

  /**
   * Deployments serving `model`: by exact provider model id, then by normalised id, then by the
   * catalog entry the id resolves to (so `claude-3-5-haiku-20241022` finds a Bedrock
   * `us.anthropic.claude-3-5-haiku-20241022-v1:0`). Restricted to `provider` when given.
   */
  find(model: string, provider?: string): Deployment[] {
    const inProvider = (list: readonly Deployment[] | undefined): Deployment[] =>
      (list ?? []).filter((deployment) => provider === undefined || deployment.provider === provider);
    const exact = inProvider(this.byModel.get(model.toLowerCase()));
    if (exact.length > 0) return dedupe(exact);
    const normalized = inProvider(this.byModel.get(normalizeModelId(model)));
    if (normalized.length > 0) return dedupe(normalized);
    const catalogId = this.catalog.lookup(model)?.model.id;
    return catalogId ? dedupe(inProvider(this.byCatalogId.get(catalogId))) : [];
  }
}

function push(map: Map<string, Deployment[]>, key: string, deployment: Deployment): void {
  const list = map.get(key);
  if (list) list.push(deployment);
  else map.set(key, [deployment]);
}

function dedupe(list: Deployment[]): Deployment[] {
  return [...new Set(list)];
}
