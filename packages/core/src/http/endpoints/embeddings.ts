import type { RouteContext } from '../../router/route-context';
import { parseEmbeddingsRequest } from '../../spec/parse';
import type { EndpointContext } from '../endpoint-context';
import type { Admitted } from '../handler-options';
import { readJsonBody } from '../read-json-body';
import { errorResponse, jsonResponse } from '../responses';
import { describe, headersOf } from './chat-completions';

/** `POST /v1/embeddings`: policy, admission, metering and records, like chat. */
export async function embeddings(context: EndpointContext): Promise<Response> {
  const { router, request, options } = context;
  const body = await readJsonBody(request, options.maxBodyBytes);
  const embeddingsRequest = parseEmbeddingsRequest(body);
  const identity = await context.identify();
  let admitted: Admitted | undefined;
  const routeContext: RouteContext = {
    tenant: identity.tenant,
    signal: request.signal,
    validated: true,
    ...(options.admit ? { beforeCall: async (plan) => void (admitted = await options.admit?.(identity, plan)) } : {}),
  };
  const base = {
    identity,
    endpoint: 'embeddings' as const,
    requestedModel: embeddingsRequest.model,
    sessionId: undefined,
    decision: undefined,
    timeToFirstTokenMs: undefined,
    startedAt: context.startedAt,
  };
  try {
    const result = await router.embed(embeddingsRequest, routeContext);
    admitted?.settle({ usd: result.cost.costUsd, inputTokens: result.usage.inputTokens, outputTokens: 0 });
    context.complete({
      ...base,
      requestId: result.requestId,
      served: result.served,
      usage: result.usage,
      cost: result.cost,
      attempts: result.attempts,
      status: 'success',
      httpStatus: 200,
      error: undefined,
      latencyMs: Date.now() - context.startedAt,
    });
    return jsonResponse(result.response, 200, { ...result.headers, ...(admitted?.headers ?? {}) });
  } catch (error) {
    admitted?.release();
    const response = errorResponse(error, { ...(headersOf(error) ?? {}), ...(admitted?.headers ?? {}) }, options.onError);
    context.complete({
      ...base,
      requestId: crypto.randomUUID(),
      served: undefined,
      usage: { inputTokens: 0, outputTokens: 0 },
      cost: undefined,
      attempts: [],
      status: 'error',
      httpStatus: response.status,
      error: describe(error),
      latencyMs: Date.now() - context.startedAt,
    });
    return response;
  }
}
