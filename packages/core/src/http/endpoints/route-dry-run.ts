import { parseChatRequest } from '../../spec/parse';
import type { EndpointContext } from '../endpoint-context';
import { readJsonBody } from '../read-json-body';
import { jsonResponse } from '../responses';

/**
 * `POST /v1/route`: the decision and trace for a chat request, with no provider call. It runs the
 * very routing code the live path runs, with the live circuit-breaker state.
 */
export async function routeDryRun(context: EndpointContext): Promise<Response> {
  const body = await readJsonBody(context.request, context.options.maxBodyBytes);
  const request = parseChatRequest(body);
  const identity = await context.identify();
  const sessionId = context.request.headers.get('x-session-id') ?? undefined;
  const guard = await context.options.guard?.(identity);
  const decision = await context.router.route(
    request,
    context.router.gateway.routeContext({
      tenant: identity.tenant,
      ...(sessionId ? { sessionId } : {}),
      ...(guard?.costMode || guard?.blockedTiers?.length ? { guard: { ...(guard.costMode ? { costMode: guard.costMode } : {}), ...(guard.blockedTiers ? { blockedTiers: guard.blockedTiers } : {}) } } : {}),
      validated: true,
      signal: context.request.signal,
    }),
  );
  const { request: planned, ...rest } = decision;
  return jsonResponse({
    object: 'route.decision',
    ...rest,
    request: { model: planned.model, messages: planned.messages.length, max_tokens: planned.max_tokens ?? null, max_completion_tokens: planned.max_completion_tokens ?? null },
  });
}
