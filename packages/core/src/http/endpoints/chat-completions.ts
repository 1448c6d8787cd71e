import { isRefractError } from '../../errors/refract-error';
import type { ChatExecution, StreamSummary } from '../../gateway/execution';
import type { RouteContext } from '../../router/route-context';
import type { ChatRequest } from '../../spec/chat-request';
import { parseChatRequest } from '../../spec/parse';
import type { EndpointContext } from '../endpoint-context';
import type { Admitted, CompletionEvent, Identity } from '../handler-options';
import { readJsonBody } from '../read-json-body';
import { errorResponse, jsonResponse } from '../responses';
import { sseResponse } from '../sse-response';
import { responseFromStored, storedFromResponse } from '../../idempotency/stored-response';

/** `POST /v1/chat/completions`, JSON and SSE. */
export async function chatCompletions(context: EndpointContext): Promise<Response> {
  const { router, request, options } = context;
  const body = await readJsonBody(request, options.maxBodyBytes);
  const chatRequest = parseChatRequest(body);
  const identity = await context.identify();
  const sessionId = request.headers.get('x-session-id') ?? undefined;
  const idempotencyKey = request.headers.get('idempotency-key');
  if (idempotencyKey && options.idempotency && !chatRequest.stream) {
    const { response, replayed } = await options.idempotency.run({ tenant: identity.tenant, key: idempotencyKey, body }, async () =>
      storedFromResponse(await serveChat(context, chatRequest, identity, sessionId)),
    );
    return responseFromStored(response, replayed);
  }
  return serveChat(context, chatRequest, identity, sessionId);
}

async function serveChat(context: EndpointContext, chatRequest: ChatRequest, identity: Identity, sessionId: string | undefined): Promise<Response> {
  const { router, request, options } = context;
  let admitted: Admitted | undefined;
  const guard = await options.guard?.(identity);
  const routeContext: RouteContext = {
    tenant: identity.tenant,
    ...(guard && (guard.costMode !== undefined || (guard.blockedTiers?.length ?? 0) > 0)
      ? { guard: { ...(guard.costMode ? { costMode: guard.costMode } : {}), ...(guard.blockedTiers ? { blockedTiers: guard.blockedTiers } : {}) } }
      : {}),
    ...(sessionId ? { sessionId } : {}),
    signal: request.signal,
    validated: true,
    ...(options.admit
      ? {
          beforeCall: async (plan) => {
            admitted = await options.admit?.(identity, plan);
          },
        }
      : {}),
  };
  const base = baseEvent(context, identity, chatRequest, sessionId);
  const extraHeaders = (): Record<string, string> => ({ ...(admitted?.headers ?? {}), ...(sessionId ? { 'x-session-id': sessionId } : {}) });

  try {
    if (chatRequest.stream) {
      const execution = await router.stream(chatRequest, routeContext);
      void execution.summary.then((summary) => finishStream(context, base, summary, admitted, execution.decision));
      return sseResponse(execution, { ...execution.headers, ...extraHeaders(), ...demoHeader(context, execution.served.provider) });
    }
    const result = await router.chat(chatRequest, routeContext);
    finishChat(context, base, result, admitted);
    return jsonResponse(result.response, 200, { ...result.headers, ...extraHeaders(), ...demoHeader(context, result.served.provider) });
  } catch (error) {
    admitted?.release();
    const response = errorResponse(error, { ...(headersOf(error) ?? {}), ...(admitted?.headers ?? {}) }, options.onError);
    context.complete({ ...base, endpoint: chatRequest.stream ? 'stream' : 'chat', status: 'error', httpStatus: response.status, error: describe(error), latencyMs: Date.now() - context.startedAt });
    return response;
  }
}

type BaseEvent = Omit<CompletionEvent, 'status' | 'httpStatus' | 'error' | 'latencyMs'>;

function baseEvent(context: EndpointContext, identity: Identity, request: ChatRequest, sessionId: string | undefined): BaseEvent {
  return {
    requestId: crypto.randomUUID(),
    identity,
    endpoint: request.stream ? 'stream' : 'chat',
    requestedModel: request.model,
    sessionId,
    decision: undefined,
    served: undefined,
    usage: { inputTokens: 0, outputTokens: 0 },
    cost: undefined,
    attempts: [],
    timeToFirstTokenMs: undefined,
    startedAt: context.startedAt,
  };
}

function finishChat(context: EndpointContext, base: BaseEvent, result: ChatExecution, admitted: Admitted | undefined): void {
  admitted?.settle({ usd: result.cost.costUsd, inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens });
  if (base.sessionId) void context.router.recordSessionFill(base.identity.tenant, base.sessionId, result.usage.inputTokens, result.served.provider, result.served.model).catch(() => undefined);
  context.complete({
    ...base,
    requestId: result.requestId,
    decision: result.decision,
    served: result.served,
    usage: result.usage,
    cost: result.cost,
    attempts: result.attempts,
    status: 'success',
    httpStatus: 200,
    error: undefined,
    latencyMs: Date.now() - context.startedAt,
  });
}

function finishStream(context: EndpointContext, base: BaseEvent, summary: StreamSummary, admitted: Admitted | undefined, decision: ChatExecution['decision']): void {
  // Output already sent is billed even when the stream failed later.
  if (summary.usage.outputTokens > 0 || summary.status === 'success') {
    admitted?.settle({ usd: summary.cost.costUsd, inputTokens: summary.usage.inputTokens, outputTokens: summary.usage.outputTokens });
  } else {
    admitted?.release();
  }
  if (base.sessionId && summary.status === 'success') {
    void context.router.recordSessionFill(base.identity.tenant, base.sessionId, summary.usage.inputTokens, summary.served.provider, summary.served.model).catch(() => undefined);
  }
  context.complete({
    ...base,
    decision,
    served: summary.served,
    usage: summary.usage,
    cost: summary.cost,
    attempts: summary.attempts,
    status: summary.status,
    httpStatus: 200,
    error: summary.error ? describe(summary.error) : undefined,
    latencyMs: Date.now() - context.startedAt,
    timeToFirstTokenMs: summary.timeToFirstTokenMs,
  });
}

function demoHeader(context: EndpointContext, provider: string): Record<string, string> {
  return context.options.demoProviders?.includes(provider) ? { 'x-refract-demo': 'true' } : {};
}

export function headersOf(error: unknown): Record<string, string> | undefined {
  const headers = (error as { headers?: unknown } | undefined)?.headers;
  return headers && typeof headers === 'object' ? (headers as Record<string, string>) : undefined;
}

export function describe(error: unknown): { code: string; message: string } {
  if (isRefractError(error)) return { code: error.code, message: error.message };
  return { code: 'REFRACT_ERR_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
