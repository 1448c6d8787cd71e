import { LRUCache } from 'lru-cache';
import { RefractError } from '../errors/refract-error';
import { RefractValidationError, zodIssues } from '../errors/validation-error';
import { overrideSettingsSchema, type OverrideSettings } from '../overrides/override-settings';
import { compileRuleSet, type CompiledRuleSet } from '../rules/compile-rule-set';
import type { CostMode, RuleSetInput } from '../rules/rule-set-schema';
import type { RoutingStateStore } from '../storage/routing-state';
import { tenantSchema, type ForceRouteMode, type Tenant } from '../tenants/tenant-schema';
import type { Deployment } from '../deployments/deployment';
import type { Tier } from '../tiers/tiers';
import type { RouterConfig } from './config-schema';
import { compilePolicy, type CompiledPolicy } from './model-policy';

/** Everything routing needs about one tenant, resolved and compiled once, then cached. */
export interface TenantContext {
  slug: string;
  tenant: Tenant;
  ruleSet: CompiledRuleSet;
  overrides: OverrideSettings;
  costMode: CostMode;
  tierBoost: number;
  minTier: Tier | undefined;
  maxTier: Tier | undefined;
  forceRouteMode: ForceRouteMode;
  allowUpgradePastRequested: boolean;
  policy: CompiledPolicy;
  /** The policy's verdict on a deployment, memoised per tenant. */
  allowed(deployment: Deployment): boolean;
  aliases: Readonly<Record<string, string>>;
  baselineModel: string | undefined;
  defaultModel: string | undefined;
}

/**
 * Resolves tenants (config first, then storage), their rule sets (config, built-ins, storage) and
 * settings, with a per-tenant cache (60 s, or until `invalidate`). The seed cached one rule set in
 * a single global slot, so tenants saw each other's rules; here every entry is keyed by tenant.
 */
export class TenantContexts {
  private readonly cache = new LRUCache<string, TenantContext>({ max: 10_000, ttl: 60_000 });
  private readonly ruleSets = new LRUCache<string, CompiledRuleSet>({ max: 1_000, ttl: 60_000 });
  private readonly configTenants: ReadonlyMap<string, Tenant>;
  private readonly configRuleSets: ReadonlyMap<string, RuleSetInput>;

  constructor(
    private readonly config: RouterConfig,
    builtInRuleSets: readonly RuleSetInput[],
    private readonly store: RoutingStateStore,
    private readonly knownCategory: (key: string) => boolean,
  ) {
    this.configTenants = new Map(config.tenants.map((tenant) => [tenant.slug, tenant]));
    this.configRuleSets = new Map([...builtInRuleSets, ...config.ruleSets].map((ruleSet) => [ruleSet.name, ruleSet as RuleSetInput]));
  }

  /** Drops cached state for one tenant, or for all tenants and rule sets. */
  invalidate(slug?: string): void {
    if (slug === undefined) {
      this.cache.clear();
      this.ruleSets.clear();
    } else {
      this.cache.delete(slug);
    }
  }

  /** The cached context, if present (lets the hot path skip an await). */
  peek(slug: string): TenantContext | undefined {
    return this.cache.get(slug);
  }

  async get(slug: string): Promise<TenantContext> {
    const cached = this.cache.get(slug);
    if (cached) return cached;
    const context = await this.resolve(slug);
    this.cache.set(slug, context);
    return context;
  }

  private async resolve(slug: string): Promise<TenantContext> {
    const tenant = await this.loadTenant(slug);
    const routing = this.config.routing;
    const ruleSetName = tenant.routing.ruleSet ?? routing.ruleSet;
    const ruleSet = await this.loadRuleSet(ruleSetName);
    const overridesParsed = overrideSettingsSchema.safeParse({ ...routing.overrides, ...(tenant.routing.overrides ?? {}) });
    if (!overridesParsed.success) {
      throw new RefractValidationError(`override settings of tenant '${slug}'`, zodIssues(overridesParsed.error), 'REFRACT_ERR_CONFIG');
    }
    const policy = compilePolicy(tenant.models);
    const verdicts = new Map<string, boolean>();
    return {
      slug,
      tenant,
      ruleSet,
      overrides: overridesParsed.data,
      costMode: tenant.routing.costMode ?? routing.costMode ?? ruleSet.ruleSet.costMode,
      tierBoost: tenant.routing.tierBoost ?? routing.tierBoost ?? ruleSet.ruleSet.tierBoost,
      minTier: tenant.routing.minTier ?? routing.minTier,
      maxTier: tenant.routing.maxTier ?? routing.maxTier,
      forceRouteMode: tenant.routing.forceRouteMode ?? routing.forceRouteMode,
      allowUpgradePastRequested: tenant.routing.allowUpgradePastRequested ?? routing.allowUpgradePastRequested,
      policy,
      allowed(deployment) {
        if (!policy.restrictive) return true;
        let verdict = verdicts.get(deployment.key);
        if (verdict === undefined) {
          verdict = policy.allows(deployment);
          verdicts.set(deployment.key, verdict);
        }
        return verdict;
      },
      aliases: tenant.models.aliases ?? {},
      baselineModel: tenant.routing.baselineModel ?? routing.baselineModel,
      defaultModel: tenant.routing.defaultModel ?? routing.defaultModel,
    };
  }

  private async loadTenant(slug: string): Promise<Tenant> {
    const fromConfig = this.configTenants.get(slug);
    if (fromConfig) return fromConfig;
    const stored = await this.store.getTenant(slug);
    if (stored) {
      const parsed = tenantSchema.safeParse(stored);
      if (!parsed.success) throw new RefractValidationError(`stored tenant '${slug}'`, zodIssues(parsed.error), 'REFRACT_ERR_CONFIG');
      return parsed.data;
    }
    if (slug === this.config.defaultTenant) return tenantSchema.parse({ slug: normalizeSlug(slug) });
    throw new RefractError('REFRACT_ERR_TENANT_UNKNOWN', `Unknown tenant '${slug}'`);
  }

  private async loadRuleSet(name: string): Promise<CompiledRuleSet> {
    const cached = this.ruleSets.get(name);
    if (cached) return cached;
    const input = this.configRuleSets.get(name) ?? (await this.store.getRuleSet(name));
    if (!input) {
      throw new RefractError('REFRACT_ERR_CONFIG', `Unknown rule set '${name}'. Built-in rule sets: default, economy-first, balanced.`);
    }
    const compiled = compileRuleSet(input, this.knownCategory);
    this.ruleSets.set(name, compiled);
    return compiled;
  }
}

function normalizeSlug(slug: string): string {
  return slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+/, '') || 'default';
}
