import { estimateCost } from '../cost/compute-cost';
import { priceRequest, type PricedRequest } from '../cost/price-request';
import { RefractError } from '../errors/refract-error';
import type { ProviderError } from '../errors/provider-error';
import type { Router } from '../router/create-router';
import { resolveModel } from '../router/resolve-model';
import type { RouteContext } from '../router/route-context';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../spec/embeddings';
import { parseEmbeddingsRequest } from '../spec/parse';
import type { Usage } from '../providers/usage';
import { decideAfterError } from './attempt-policy';
import { retryDelayMs, sleep } from './backoff';
import type { CircuitBreaker } from './circuit-breaker';
import type { GatewayOptions } from './gateway-options';
import { asProviderError, type Attempt } from './targets';

export interface EmbeddingsExecution {
  requestId: string;
  response: EmbeddingsResponse;
  tenant: string;
  served: { provider: string; model: string };
  usage: Usage;
  cost: PricedRequest;
  attempts: Attempt[];
  latencyMs: number;
  headers: Record<string, string>;
}

/**
 * Embeddings go through the same gates as chat: model resolution with aliases and the tenant
 * policy, admission (`beforeCall`, so rate limits and budgets apply), retries, the breaker, the
 * same model at other providers as fallbacks, metering and cost. (The seed skipped all of them.)
 * There is no auto-routing: an embedding space is fixed by its model.
 */
export async function executeEmbeddings(router: Router, breaker: CircuitBreaker, options: GatewayOptions, input: unknown, context: RouteContext): Promise<EmbeddingsExecution> {
  const started = performance.now();
  const request: EmbeddingsRequest = context.validated ? (input as EmbeddingsRequest) : parseEmbeddingsRequest(input);
  const slug = context.tenant ?? router.config.defaultTenant;
  const tenant = await router.tenants.get(slug);
  if (!tenant.tenant.enabled) throw new RefractError('REFRACT_ERR_TENANT_DISABLED', `Tenant '${slug}' is disabled.`);
  const resolution = resolveModel(request.model, tenant, router.deployments, router.config.routing);
  if (resolution.kind === 'auto') {
    throw new RefractError('REFRACT_ERR_VALIDATION', 'Embeddings need a concrete model: an embedding space is fixed by its model.', { param: 'model' });
  }
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  const inputTokens = inputs.reduce<number>((sum, item) => sum + (typeof item === 'string' ? router.tokenizer.count(item) : Array.isArray(item) ? item.length : 1), 0);
  const primary = resolution.deployments[0];
  if (!primary) throw new RefractError('REFRACT_ERR_MODEL_NOT_FOUND', `No deployment serves '${request.model}'.`, { param: 'model' });
  await context.beforeCall?.({
    kind: 'embeddings',
    tenant: slug,
    provider: primary.provider,
    model: primary.model,
    tier: primary.tier,
    inputTokens,
    maxOutputTokens: 0,
    worstCaseUsd: estimateCost(inputTokens, 0, primary.pricing),
  });

  const attempts: Attempt[] = [];
  let lastError: ProviderError | undefined;
  for (const target of resolution.deployments) {
    const adapter = router.adapters[target.provider];
    if (!adapter?.embed) {
      attempts.push({ provider: target.provider, model: target.model, outcome: 'skipped', reason: 'the adapter has no embeddings', durationMs: 0 });
      continue;
    }
    for (let attempt = 1; ; attempt += 1) {
      if (!breaker.tryAcquire(target.key)) {
        attempts.push({ provider: target.provider, model: target.model, outcome: 'skipped', reason: 'circuit open', durationMs: 0 });
        break;
      }
      const callStarted = performance.now();
      try {
        const { response } = await adapter.embed({ ...request, model: target.model }, { ...(context.signal ? { signal: context.signal } : {}), timeoutMs: options.timeoutMs ?? 120_000 });
        breaker.recordSuccess(target.key);
        attempts.push({ provider: target.provider, model: target.model, outcome: 'success', durationMs: performance.now() - callStarted });
        const reported = response.usage?.prompt_tokens ?? 0;
        const usage: Usage = { inputTokens: reported > 0 ? reported : inputTokens, outputTokens: 0 };
        const cost = priceRequest({ usage, usageSource: reported > 0 ? 'reported' : 'estimated', pricing: target.pricing });
        const requestId = crypto.randomUUID();
        return {
          requestId,
          response: { ...response, usage: { prompt_tokens: usage.inputTokens, total_tokens: usage.inputTokens } },
          tenant: slug,
          served: { provider: target.provider, model: target.model },
          usage,
          cost,
          attempts,
          latencyMs: Math.round(performance.now() - started),
          headers: { 'x-refract-request-id': requestId, 'x-refract-model': target.model, 'x-refract-provider': target.provider, 'x-refract-cost-usd': String(cost.costUsd) },
        };
      } catch (caught) {
        const error = asProviderError(target.provider, caught, context.signal);
        lastError = error;
        const next = decideAfterError(error, attempt, undefined, { retriesPerTarget: options.retriesPerTarget ?? 1, maxRetryAfterMs: options.maxRetryAfterMs ?? 8000 }, (number, retryAfter) => retryDelayMs(number, retryAfter, options.backoff));
        if (next.breakerFailure) breaker.recordFailure(target.key, `${error.kind}: ${error.message}`);
        else breaker.release(target.key);
        attempts.push({ provider: target.provider, model: target.model, outcome: 'error', reason: error.message, errorKind: error.kind, durationMs: performance.now() - callStarted });
        if (next.action === 'fail') throw error;
        if (next.action === 'retry') {
          await sleep(next.delayMs ?? 0, context.signal);
          continue;
        }
        break;
      }
    }
  }
  if (lastError) throw lastError;
  throw new RefractError('REFRACT_ERR_PROVIDER_UNAVAILABLE', `No provider can compute embeddings for '${request.model}' right now.`, { details: { attempts } });
}
