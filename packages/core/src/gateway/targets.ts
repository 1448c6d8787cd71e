import type { Deployment } from '../deployments/deployment';
import { ProviderError, isProviderError } from '../errors/provider-error';
import { clampMaxTokens } from '../plan/clamp-max-tokens';
import type { Router } from '../router/create-router';
import type { RouteDecision } from '../router/decision';
import type { ChatRequest } from '../spec/chat-request';
import { countChatTokens } from '../tokenizer/count-chat-tokens';
import { injectSystemPrompts } from './system-prompt';

/** One provider call made (or skipped) while serving a request. */
export interface Attempt {
  provider: string;
  model: string;
  outcome: 'success' | 'error' | 'skipped';
  /** Why it failed or was skipped. */
  reason?: string;
  errorKind?: string;
  status?: number;
  durationMs: number;
}

/** The primary target, then the fallbacks, as deployments. */
export function targetsOf(router: Router, decision: RouteDecision): Deployment[] {
  const out: Deployment[] = [];
  for (const target of [{ provider: decision.provider, model: decision.model }, ...decision.fallbacks]) {
    const deployment = router.deployment(target.provider, target.model);
    if (deployment) out.push(deployment);
  }
  return out;
}

/**
 * The request for one target: the planned request with the target's model id, max tokens clamped
 * to that target's limits, and the tenant and category system prompts injected (identically for
 * every target, so a fallback does not change the prompt).
 */
export function requestFor(router: Router, decision: RouteDecision, target: Deployment, prompts: { tenantPrompt?: string | undefined; categoryPrompt?: string | undefined }): ChatRequest {
  let request: ChatRequest = { ...decision.request, model: target.model };
  if (target.provider !== decision.provider || target.model !== decision.model) {
    const window = router.learnedWindows.get(target.key) ?? target.contextWindow;
    request = clampMaxTokens(request, { maxOutputTokens: target.maxOutputTokens, contextWindow: window, inputTokens: countChatTokens(request, router.tokenizer) }).request;
  }
  return injectSystemPrompts(request, { ...prompts, skip: decision.signals.isFim });
}

/** Any failure as a ProviderError (an adapter bug becomes kind `unknown`, never a crash). */
export function asProviderError(provider: string, error: unknown, signal: AbortSignal | undefined): ProviderError {
  if (isProviderError(error)) return error;
  if (signal?.aborted) return new ProviderError({ provider, kind: 'aborted', message: 'the client went away', cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({ provider, kind: 'unknown', message: `adapter failure: ${message}`, cause: error });
}

export function maxTokensOf(request: ChatRequest): number | undefined {
  return request.max_completion_tokens ?? request.max_tokens ?? undefined;
}

export function withMaxTokens(request: ChatRequest, limit: number): ChatRequest {
  const out: ChatRequest = { ...request };
  if (request.max_completion_tokens != null) out.max_completion_tokens = limit;
  if (request.max_tokens != null || request.max_completion_tokens == null) out.max_tokens = limit;
  return out;
}
