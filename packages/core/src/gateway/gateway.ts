import type { Router } from '../router/create-router';
import type { RouteContext } from '../router/route-context';
import type { ChatRequest } from '../spec/chat-request';
import { parseChatRequest } from '../spec/parse';
import { usageFromOpenAI } from '../providers/usage';
import { callPlanFor } from './call-plan';
import { CircuitBreaker } from './circuit-breaker';
import { autoRoutingInfo, costInfo, refractHeaders } from './enrichment';
import type { ChatExecution, StreamExecution } from './execution';
import { executeEmbeddings, type EmbeddingsExecution } from './execute-embeddings';
import { executeStream } from './execute-stream';
import type { GatewayOptions } from './gateway-options';
import { meterUsage } from './metering';
import { runWithFallbacks } from './run-with-fallbacks';

/**
 * Executes routing decisions against providers: `chat()` for JSON responses, `stream()` for
 * streams. Both run `router.route()` first, exactly as a dry run would, then call the targets with
 * timeouts, retries, circuit breaking and fallbacks, meter the usage, price it and enrich the
 * response.
 */
export class Gateway {
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly router: Router,
    readonly options: GatewayOptions = {},
  ) {
    this.breaker = new CircuitBreaker({ ...options.breaker, clock: router.clock });
  }

  /** Routing context with circuit state, so routing avoids open circuits. */
  routeContext(context: RouteContext): RouteContext {
    return { ...context, isAvailable: context.isAvailable ?? ((provider, model) => this.breaker.isAvailable(`${provider}/${model}`)) };
  }

  async chat(request: unknown, context: RouteContext = {}): Promise<ChatExecution> {
    const started = performance.now();
    const requestId = crypto.randomUUID();
    const parsed = context.validated ? (request as ChatRequest) : parseChatRequest(request);
    const routeContext = { ...this.routeContext(context), validated: true };
    const decision = await this.router.route(parsed, routeContext);
    await context.beforeCall?.(callPlanFor(this.router, decision, 'chat'));
    const result = await runWithFallbacks(
      { router: this.router, breaker: this.breaker, options: this.options, request: parsed, context: routeContext, decision },
      ({ adapter, request: call, signal, timeoutMs }) => adapter.chat(call, { ...(signal ? { signal } : {}), timeoutMs }),
    );
    result.release();
    const { response, warnings } = result.value;
    const served = { provider: result.target.provider, model: result.target.model };
    const outputText = response.choices.map((choice) => (choice.message.content ?? '') + (choice.message.tool_calls ?? []).map((call) => call.function.name + call.function.arguments).join('')).join('');
    const metered = meterUsage(response.usage ? usageFromOpenAI(response.usage) : undefined, result.request, outputText, this.router.tokenizer);
    const finalDecision = result.decision;
    const cost = this.router.price({ ...served, baselineModel: finalDecision.baselineModel, routingCostUsd: finalDecision.routingCostUsd }, metered.usage, metered.source);
    const fallbacksTried = result.attempts.filter((attempt) => attempt.outcome !== 'success').map((attempt) => `${attempt.provider}/${attempt.model}`);
    const routing = autoRoutingInfo(finalDecision, served, fallbacksTried);
    if (warnings.length > 0) routing.warnings.push(...warnings.map((warning) => `${warning.type}${warning.parameter ? `:${warning.parameter}` : ''}`));
    const costs = costInfo(metered.usage, cost, finalDecision.baselineModel);
    return {
      requestId,
      response: { ...response, usage: response.usage ?? { prompt_tokens: metered.usage.inputTokens, completion_tokens: metered.usage.outputTokens, total_tokens: metered.usage.inputTokens + metered.usage.outputTokens }, auto_routing: routing, cost_info: costs },
      decision: finalDecision,
      served,
      usage: metered.usage,
      cost,
      attempts: result.attempts,
      latencyMs: Math.round(performance.now() - started),
      headers: refractHeaders(requestId, routing, costs),
    };
  }

  /** Embeddings, metered and limited like chat. */
  embed(request: unknown, context: RouteContext = {}): Promise<EmbeddingsExecution> {
    return executeEmbeddings(this.router, this.breaker, this.options, request, context);
  }

  async stream(request: unknown, context: RouteContext = {}): Promise<StreamExecution> {
    const parsed = context.validated ? (request as ChatRequest) : parseChatRequest(request);
    const routeContext = { ...this.routeContext(context), validated: true };
    const decision = await this.router.route(parsed, routeContext);
    await context.beforeCall?.(callPlanFor(this.router, decision, 'stream'));
    return executeStream({ router: this.router, breaker: this.breaker, options: this.options, request: parsed, context: routeContext, decision });
  }
}

