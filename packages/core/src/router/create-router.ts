import { CategorySet } from '../catalog/category-set';
import { ModelCatalog } from '../catalog/model-catalog';
import type { ModelPricing } from '../catalog/catalog-model';
import type { Classifier } from '../classifier/classifier';
import { systemClock, type Clock } from '../clock/clock';
import { priceRequest, type PricedRequest } from '../cost/price-request';
import { buildDeployments } from '../deployments/build-deployments';
import type { Deployment } from '../deployments/deployment';
import { RefractValidationError, zodIssues } from '../errors/validation-error';
import type { ProviderAdapter } from '../providers/provider-adapter';
import type { Usage } from '../providers/usage';
import { BUILT_IN_RULE_SETS } from '../rules/built-in-rule-sets';
import { compileRuleSet } from '../rules/compile-rule-set';
import type { RoutingStateStore } from '../storage/routing-state';
import { heuristicTokenizer, type Tokenizer } from '../tokenizer/tokenizer';
import type { ChatExecution, StreamExecution } from '../gateway/execution';
import type { EmbeddingsExecution } from '../gateway/execute-embeddings';
import { Gateway } from '../gateway/gateway';
import type { GatewayOptions } from '../gateway/gateway-options';
import { routerConfigSchema, type RouterConfig, type RouterConfigInput } from './config-schema';
import type { RouteDecision } from './decision';
import { DeploymentIndex } from './deployment-index';
import { LocalRoutingState } from './local-routing-state';
import type { RouteContext } from './route-context';
import { runRoute } from './run-route';
import { TenantContexts } from './tenant-context';

/** Runtime objects passed beside the serialisable config. */
export interface RouterRuntime {
  /** Called only when rule-set confidence is below the threshold. */
  classifier?: Classifier;
  /** Token counting; the fast heuristic by default (`@refract/core/tiktoken` for exact counts). */
  tokenizer?: Tokenizer;
  clock?: Clock;
  /** Tenants, rule sets, categories, session state and learned windows; in-process memory by default. */
  store?: RoutingStateStore;
  /** Provider adapters by provider id, for `chat()` and `stream()`. */
  adapters?: Record<string, ProviderAdapter>;
  /** Timeouts, retries and circuit breaking for `chat()` and `stream()`. */
  gateway?: GatewayOptions;
}

export type RouterOptions = RouterConfigInput & RouterRuntime;

/**
 * The router: decides, for one chat request, which model at which provider should answer and
 * why, and returns the decision with a step-by-step trace. `route()` makes no network call
 * (unless a classifier is configured and needed).
 *
 * @example
 * const router = createRouter({ providers: [{ id: 'openai', models: ['gpt-4o-mini', 'gpt-4o'] }] });
 * const decision = await router.route({ model: 'auto', messages: [{ role: 'user', content: 'Hi!' }] });
 * decision.model; decision.tier; decision.trace;
 */
export class Router {
  readonly config: RouterConfig;
  readonly catalog: ModelCatalog;
  readonly deployments: DeploymentIndex;
  readonly tokenizer: Tokenizer;
  readonly clock: Clock;
  readonly store: RoutingStateStore;
  readonly classifier: Classifier | undefined;
  readonly adapters: Readonly<Record<string, ProviderAdapter>>;
  /** @internal */
  readonly tenants: TenantContexts;
  /** @internal */
  readonly learnedWindows = new Map<string, number>();
  /** Executes decisions against providers (`chat`, `stream`); holds the circuit breakers. */
  readonly gateway: Gateway;
  private baseCategories: CategorySet;
  private currentCategories: CategorySet;
  private loading: Promise<void> | undefined;

  constructor(options: RouterOptions = {}) {
    const { classifier, tokenizer, clock, store, adapters, gateway, ...configInput } = options;
    const parsed = routerConfigSchema.safeParse(configInput);
    if (!parsed.success) throw new RefractValidationError('router config', zodIssues(parsed.error), 'REFRACT_ERR_CONFIG');
    this.config = parsed.data;
    this.catalog = ModelCatalog.builtIn().withOverrides(this.config.models);
    this.baseCategories = CategorySet.builtIn().with(this.config.categories);
    this.currentCategories = this.baseCategories;
    this.deployments = new DeploymentIndex(buildDeployments(this.config.providers, this.catalog), this.catalog);
    this.tokenizer = tokenizer ?? heuristicTokenizer;
    this.clock = clock ?? systemClock;
    this.store = store ?? new LocalRoutingState();
    this.classifier = classifier;
    this.adapters = adapters ?? {};
    this.gateway = new Gateway(this, gateway);
    this.tenants = new TenantContexts(this.config, BUILT_IN_RULE_SETS, this.store, (key) => this.currentCategories.has(key));
    // Fail at startup, not on the first request, when a configured rule set is broken.
    for (const ruleSet of [...BUILT_IN_RULE_SETS, ...this.config.ruleSets]) compileRuleSet(ruleSet, (key) => this.currentCategories.has(key));
  }

  /** The categories in effect (built-ins, config, storage). */
  get categories(): CategorySet {
    return this.currentCategories;
  }

  /**
   * Decides where a request goes, with no provider call. The live path (`chat`, `stream`) runs
   * exactly this function.
   *
   * @throws RefractValidationError for a malformed request; RefractError for an unknown or
   * forbidden model, an unknown tenant, or a request no configured model can serve.
   */
  async route(request: unknown, context: RouteContext = {}): Promise<RouteDecision> {
    if (this.loading === undefined) this.loading = this.load();
    await this.loading;
    return runRoute(this, request, context);
  }

  /**
   * Routes the request and calls the chosen provider (with retries, circuit breaking and
   * fallbacks), returning the enriched response, the decision, usage and cost.
   *
   * @example
   * const { response, decision } = await router.chat({ model: 'auto', messages }, { tenant: 'acme' });
   */
  chat(request: unknown, context: RouteContext = {}): Promise<ChatExecution> {
    return this.gateway.chat(request, context);
  }

  /**
   * Routes the request and opens a stream; resolves once a provider has started answering.
   *
   * @example
   * for await (const chunk of await router.stream({ model: 'auto', messages, stream: true })) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
   */
  stream(request: unknown, context: RouteContext = {}): Promise<StreamExecution> {
    return this.gateway.stream(request, context);
  }

  /**
   * Embeddings through the tenant's policy, admission, retries and metering.
   *
   * @example
   * const { response } = await router.embed({ model: 'text-embedding-3-small', input: ['hello'] });
   */
  embed(request: unknown, context: RouteContext = {}): Promise<EmbeddingsExecution> {
    return this.gateway.embed(request, context);
  }

  /**
   * Cost, baseline and savings of a finished request. Used for the client's `cost_info` and for
   * the record alike, so both always agree.
   */
  price(decision: Pick<RouteDecision, 'provider' | 'model' | 'baselineModel' | 'routingCostUsd'>, usage: Usage, usageSource: 'reported' | 'estimated'): PricedRequest {
    return priceRequest({
      usage,
      usageSource,
      pricing: this.pricingOf(decision.provider, decision.model),
      baselinePricing: decision.baselineModel ? this.baselinePricing(decision.baselineModel) : undefined,
      routingCostUsd: decision.routingCostUsd,
    });
  }

  /** The price of a deployment (configured, provider table, catalog, or tier estimate). */
  pricingOf(provider: string, model: string): ModelPricing | undefined {
    return this.deployments.get(provider, model)?.pricing;
  }

  /** A deployment by provider and model id. */
  deployment(provider: string, model: string): Deployment | undefined {
    return this.deployments.get(provider, model);
  }

  /** Remembers a context window a provider reported in an overflow error (and persists it). */
  async learnContextWindow(provider: string, model: string, contextWindow: number): Promise<void> {
    if (!Number.isFinite(contextWindow) || contextWindow < 1000) return;
    this.learnedWindows.set(`${provider}/${model}`, contextWindow);
    await this.store.putLearnedContextWindow(provider, model, contextWindow);
  }

  /** Records how full the context window was for a session's request, for the session-context rule. */
  async recordSessionFill(tenant: string, sessionId: string, inputTokens: number, provider: string, model: string): Promise<void> {
    const window = this.learnedWindows.get(`${provider}/${model}`) ?? this.deployments.get(provider, model)?.contextWindow;
    if (!window) return;
    await this.store.putSessionState(tenant, sessionId, { lastContextFill: Math.min(1, inputTokens / window), lastModel: model, updatedAt: this.clock.now() });
  }

  /** Drops cached tenant state (one tenant, or all tenants, rule sets and categories). */
  invalidate(tenant?: string): void {
    this.tenants.invalidate(tenant);
    if (tenant === undefined) this.loading = undefined;
  }

  private async load(): Promise<void> {
    const [stored] = await Promise.all([
      this.store.listCategories(),
      ...this.deployments.all.map(async (deployment) => {
        const window = await this.store.getLearnedContextWindow(deployment.provider, deployment.model);
        if (window !== undefined) this.learnedWindows.set(deployment.key, window);
      }),
    ]);
    this.currentCategories = this.baseCategories.with(stored);
  }

  private baselinePricing(model: string): ModelPricing | undefined {
    const deployed = this.deployments.find(model)[0];
    return deployed?.pricing ?? this.catalog.lookup(model)?.model.pricing;
  }
}

/** Creates a router. See `Router`. */
export function createRouter(options: RouterOptions = {}): Router {
  return new Router(options);
}
