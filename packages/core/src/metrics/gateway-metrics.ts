import type { BreakerSnapshot } from '../gateway/circuit-breaker';
import { MetricsRegistry, type Counter, type Gauge, type Histogram } from './metrics-registry';

/** What one finished request contributes to the metrics. */
export interface RequestObservation {
  tenant: string;
  model: string;
  provider: string;
  endpoint: 'chat' | 'stream' | 'embeddings';
  status: 'success' | 'error';
  latencySeconds: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  savedUsd: number;
  fallbacks: number;
}

/**
 * The gateway's metrics: requests, latency, tokens, cost, savings and fallbacks per tenant and
 * model, and circuit-breaker state per provider model.
 */
export class GatewayMetrics {
  readonly registry = new MetricsRegistry();
  private readonly requests: Counter;
  private readonly latency: Histogram;
  private readonly tokens: Counter;
  private readonly cost: Counter;
  private readonly saved: Counter;
  private readonly fallbacks: Counter;
  private readonly breaker: Gauge;

  constructor() {
    const labels = ['tenant', 'provider', 'model'] as const;
    this.requests = this.registry.counter('refract_requests_total', 'Requests served, by outcome.', [...labels, 'endpoint', 'status']);
    this.latency = this.registry.histogram('refract_request_duration_seconds', 'Time from request to the last byte.', [...labels, 'endpoint'], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]);
    this.tokens = this.registry.counter('refract_tokens_total', 'Tokens, by direction.', [...labels, 'type']);
    this.cost = this.registry.counter('refract_cost_usd_total', 'Cost in USD, routing cost included.', labels);
    this.saved = this.registry.counter('refract_saved_usd_total', 'Savings against the baseline model, in USD.', labels);
    this.fallbacks = this.registry.counter('refract_fallbacks_total', 'Failed attempts before a request was served or given up.', labels);
    this.breaker = this.registry.gauge('refract_circuit_state', 'Circuit breaker state: 0 closed, 1 half-open, 2 open.', ['provider', 'model']);
  }

  observe(observation: RequestObservation): void {
    const labels = { tenant: observation.tenant, provider: observation.provider, model: observation.model };
    this.requests.inc({ ...labels, endpoint: observation.endpoint, status: observation.status });
    this.latency.observe({ ...labels, endpoint: observation.endpoint }, observation.latencySeconds);
    this.tokens.inc({ ...labels, type: 'input' }, observation.inputTokens);
    this.tokens.inc({ ...labels, type: 'output' }, observation.outputTokens);
    this.cost.inc(labels, observation.costUsd);
    if (observation.savedUsd > 0) this.saved.inc(labels, observation.savedUsd);
    if (observation.fallbacks > 0) this.fallbacks.inc(labels, observation.fallbacks);
  }

  render(breakers: readonly BreakerSnapshot[]): string {
    for (const snapshot of breakers) {
      const slash = snapshot.key.indexOf('/');
      this.breaker.set({ provider: snapshot.key.slice(0, slash), model: snapshot.key.slice(slash + 1) }, snapshot.state === 'closed' ? 0 : snapshot.state === 'half-open' ? 1 : 2);
    }
    return this.registry.render();
  }
}
