import { ModelCatalog } from '../catalog/model-catalog';
import { RefractValidationError, type ValidationIssue } from '../errors/validation-error';
import type { Deployment } from './deployment';
import type { DeploymentConfig, ProviderConfig } from './deployment-schema';
import { buildTierEstimates } from './tier-estimates';

/**
 * Resolves every configured model at every enabled provider into a `Deployment`. A model the
 * catalog does not know needs a `tier` in config (prices, windows and benchmarks are then
 * estimated from the tier and flagged); otherwise startup fails naming the path.
 *
 * With no providers configured, every catalog model is offered under a provider named after its
 * vendor (type `catalog`): useful for `refract explain` and for unit-testing routing decisions.
 */
export function buildDeployments(providers: readonly ProviderConfig[], catalog: ModelCatalog): Deployment[] {
  const estimates = buildTierEstimates(catalog.all());
  const issues: ValidationIssue[] = [];
  const out: Deployment[] = [];
  const entries: { provider: ProviderConfig; config: DeploymentConfig; path: string }[] = [];

  if (providers.length === 0) {
    for (const model of catalog.all()) {
      const provider = { id: vendorSlug(model.vendor), type: 'catalog', enabled: true, models: [model.id] } satisfies ProviderConfig;
      entries.push({ provider, config: { id: model.id, routable: true }, path: `catalog.${model.id}` });
    }
  } else {
    providers.forEach((provider, providerIndex) => {
      if (!provider.enabled) return;
      provider.models.forEach((model, modelIndex) => {
        const config: DeploymentConfig = typeof model === 'string' ? { id: model, routable: true } : model;
        entries.push({ provider, config, path: `providers.${providerIndex}.models.${modelIndex}` });
      });
    });
  }

  const seen = new Set<string>();
  for (const { provider, config, path } of entries) {
    const key = `${provider.id}/${config.id}`;
    if (seen.has(key)) {
      issues.push({ path, message: `duplicate model '${config.id}' at provider '${provider.id}'`, code: 'duplicate' });
      continue;
    }
    seen.add(key);
    const entry = catalog.lookup(config.catalogId ?? config.id)?.model;
    const tier = config.tier ?? entry?.tier;
    if (tier === undefined) {
      issues.push({
        path,
        message: `model '${config.id}' at provider '${provider.id}' is not in the catalog: give it a tier (and ideally pricing and contextWindow), or a catalogId`,
        code: 'unknown_model',
      });
      continue;
    }
    const tablePrice = ModelCatalog.providerPrice(provider.type, config.catalogId ?? config.id);
    const pricing = config.pricing ?? tablePrice ?? entry?.pricing;
    const benchmarks = config.benchmarks ?? entry?.benchmarks;
    out.push({
      key,
      provider: provider.id,
      providerType: provider.type,
      model: config.id,
      catalogId: entry?.id,
      tier,
      pricing: pricing ?? estimates.pricing(tier),
      priceSource: config.pricing ? 'config' : tablePrice ? 'provider-table' : entry?.pricing ? 'catalog' : 'tier-estimate',
      contextWindow: config.contextWindow ?? entry?.contextWindow,
      maxOutputTokens: config.maxOutputTokens ?? entry?.maxOutputTokens,
      capabilities: {
        vision: config.capabilities?.vision ?? entry?.capabilities.vision ?? false,
        tools: config.capabilities?.tools ?? entry?.capabilities.tools ?? true,
        json: config.capabilities?.json ?? entry?.capabilities.json ?? true,
        reasoning: config.capabilities?.reasoning ?? entry?.capabilities.reasoning ?? false,
      },
      benchmarks: benchmarks ?? estimates.benchmarks(tier),
      benchmarkSource: config.benchmarks ? 'config' : entry?.benchmarks ? 'catalog' : 'tier-estimate',
      priority: config.priority ?? entry?.priority ?? 50,
      routable: config.routable,
    });
  }
  if (issues.length > 0) throw new RefractValidationError('provider models', issues, 'REFRACT_ERR_CONFIG');
  return out;
}

function vendorSlug(vendor: string | undefined): string {
  return (vendor ?? 'catalog')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'catalog';
}
