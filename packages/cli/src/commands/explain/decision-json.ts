import type { RouteDecision } from '@refract/core';

export interface DecisionJsonOptions {
  /** Keep `request`, the full request the router would send (every message, possibly megabytes). */
  full?: boolean;
}

/**
 * The decision as printed by `refract explain --json` and `--input`: the `RouteDecision` as is,
 * minus `request` unless `full` is set. `request` repeats every message of the input (a 100k-token
 * conversation would be echoed whole), while everything a reader needs about it is already in
 * `signals`, `estimatedInputTokens`, `contextWindow` and the `context-preflight` trace step.
 *
 * @example
 * console.log(JSON.stringify(decisionJson(await router.route(request))));
 */
export function decisionJson(decision: RouteDecision, options: DecisionJsonOptions = {}): Record<string, unknown> {
  if (options.full) return { ...decision };
  const { request: _request, ...rest } = decision;
  return rest;
}
