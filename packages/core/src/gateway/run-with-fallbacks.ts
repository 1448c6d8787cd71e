import type { Deployment } from '../deployments/deployment';
import { RefractError, isRefractError } from '../errors/refract-error';
import { ProviderError, isProviderError } from '../errors/provider-error';
import { linkedDeadline } from '../providers/linked-deadline';
import type { ProviderAdapter } from '../providers/provider-adapter';
import type { Router } from '../router/create-router';
import type { RouteDecision } from '../router/decision';
import type { RouteContext } from '../router/route-context';
import type { ChatRequest } from '../spec/chat-request';
import { decideAfterError } from './attempt-policy';
import { retryDelayMs, sleep } from './backoff';
import type { CircuitBreaker } from './circuit-breaker';
import type { GatewayOptions } from './gateway-options';
import { asProviderError, maxTokensOf, requestFor, targetsOf, withMaxTokens, type Attempt } from './targets';

export interface CallInput {
  adapter: ProviderAdapter;
  request: ChatRequest;
  target: Deployment;
  signal: AbortSignal | undefined;
  timeoutMs: number;
}

export interface FallbackResult<T> {
  value: T;
  target: Deployment;
  request: ChatRequest;
  decision: RouteDecision;
  attempts: Attempt[];
  /**
   * Unlinks the answering attempt's signal from the caller's. Call it once `value` no longer uses
   * that signal: at once for a response, when the stream ends for a stream.
   */
  release(): void;
}

export interface FallbackRun {
  router: Router;
  breaker: CircuitBreaker;
  options: GatewayOptions;
  request: unknown;
  context: RouteContext;
  decision: RouteDecision;
}

/**
 * Calls the decision's targets in order until one answers: skipping open circuits, retrying
 * retryable failures with backoff (honouring `retry-after`), clamping max tokens when a provider
 * names its limit, moving to a larger window on context overflow (re-routing once with the learned
 * window, so the same routing code decides), and returning the client's own errors as they are.
 * `call` must throw a ProviderError on failure; what it returns is the caller's (a response, or an
 * opened stream that has produced its first part).
 */
export async function runWithFallbacks<T>(run: FallbackRun, call: (input: CallInput) => Promise<T>): Promise<FallbackResult<T>> {
  const { router, breaker, options, context } = run;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const attempts: Attempt[] = [];
  let decision = run.decision;
  let upgraded = false;
  let lastError: RefractError | undefined;

  for (;;) {
    const prompts = systemPromptsFor(router, decision, options);
    let restart = false;
    for (const target of targetsOf(router, decision)) {
      const adapter = router.adapters[target.provider];
      if (!adapter) {
        attempts.push({ provider: target.provider, model: target.model, outcome: 'skipped', reason: 'no adapter for this provider', durationMs: 0 });
        continue;
      }
      let request = requestFor(router, decision, target, prompts);
      let clamped = false;
      for (let attempt = 1; ; attempt += 1) {
        if (!breaker.tryAcquire(target.key)) {
          attempts.push({ provider: target.provider, model: target.model, outcome: 'skipped', reason: 'circuit open', durationMs: 0 });
          break;
        }
        const started = performance.now();
        // The adapter enforces `timeoutMs` itself; this deadline is the backstop for one that does
        // not. It covers the call until it returns (for a stream: until its first content part).
        const deadline = linkedDeadline(context.signal, timeoutMs + 1000, () => new Error(`no answer within ${timeoutMs} ms`));
        const signal = deadline.signal;
        try {
          const value = await call({ adapter, request, target, signal, timeoutMs });
          deadline.stopTimer();
          breaker.recordSuccess(target.key);
          attempts.push({ provider: target.provider, model: target.model, outcome: 'success', durationMs: elapsed(started) });
          return { value, target, request, decision, attempts, release: deadline.release };
        } catch (caught) {
          deadline.release();
          if (isRefractError(caught) && !isProviderError(caught) && caught.status < 500) {
            // The adapter refused to translate the request (an input this provider cannot take):
            // not a sign of ill health, and another provider may take it.
            breaker.release(target.key);
            lastError = caught;
            attempts.push({ provider: target.provider, model: target.model, outcome: 'error', reason: caught.message, errorKind: 'unsupported', status: caught.status, durationMs: elapsed(started) });
            break;
          }
          const error = signal.aborted && !context.signal?.aborted
            ? new ProviderError({ provider: target.provider, kind: 'timeout', message: `no answer within ${timeoutMs} ms`, cause: caught })
            : asProviderError(target.provider, caught, context.signal);
          lastError = error;
          const next = decideAfterError(error, attempt, maxTokensOf(request), {
            retriesPerTarget: options.retriesPerTarget ?? 1,
            maxRetryAfterMs: options.maxRetryAfterMs ?? 8000,
          }, (number, retryAfter) => retryDelayMs(number, retryAfter, options.backoff));
          if (next.breakerFailure) breaker.recordFailure(target.key, `${error.kind}: ${error.message}`);
          else breaker.release(target.key);
          attempts.push({
            provider: target.provider,
            model: target.model,
            outcome: 'error',
            reason: error.message,
            errorKind: error.kind,
            ...(error.providerStatus !== undefined ? { status: error.providerStatus } : {}),
            durationMs: elapsed(started),
          });
          if (next.action === 'fail') throw error;
          if (next.action === 'retry') {
            await sleep(next.delayMs ?? 0, context.signal).catch(() => {
              throw asProviderError(target.provider, context.signal?.reason, context.signal);
            });
            continue;
          }
          if (next.action === 'clamp-max-tokens' && !clamped && error.maxTokensLimit !== undefined) {
            clamped = true;
            request = withMaxTokens(request, error.maxTokensLimit);
            continue;
          }
          if (next.action === 'upgrade-context' && !upgraded) {
            upgraded = true;
            const window = error.contextWindow ?? Math.floor(maxWindowGuess(router, target) * 0.9);
            await router.learnContextWindow(target.provider, target.model, window);
            decision = await router.route(run.request, { ...context, validated: true });
            restart = true;
          }
          break;
        }
      }
      if (restart) break;
    }
    if (!restart) break;
  }
  if (lastError) throw lastError;
  throw new RefractError('REFRACT_ERR_PROVIDER_UNAVAILABLE', 'No provider could be called for this request: every target was skipped (circuit open or no adapter).', {
    details: { attempts },
  });
}

function systemPromptsFor(router: Router, decision: RouteDecision, options: GatewayOptions): { tenantPrompt?: string | undefined; categoryPrompt?: string | undefined } {
  if (options.injectSystemPrompts === false) return {};
  const tenant = router.tenants.peek(decision.tenant)?.tenant;
  const categoryPrompt = decision.mode === 'explicit' ? undefined : router.categories.get(decision.category)?.targetSystemPrompt;
  return { tenantPrompt: tenant?.defaultSystemPrompt, categoryPrompt };
}

/** Without a window in the error, assume the request was just over the known window. */
function maxWindowGuess(router: Router, target: Deployment): number {
  return router.learnedWindows.get(target.key) ?? target.contextWindow ?? 8192;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}
