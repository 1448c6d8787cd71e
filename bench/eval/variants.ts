import type { RouteDecision, Router } from '@refract/core';

/**
 * A router configuration under evaluation. Every variant routes the very same prompts, and the
 * report puts their results side by side; adding one (a learned classifier, another rule set) is
 * one more entry in the list.
 *
 * @example
 * const variants = [routerVariant('default', createRouter()), routerVariant('economy', createRouter({ routing: { costMode: 'economy' } }))];
 */
export interface RouterVariant {
  name: string;
  /** Where its config came from, for the report header. */
  description: string;
  route(request: Record<string, unknown>): Promise<RouteDecision>;
}

export function routerVariant(name: string, router: Router, description = ''): RouterVariant {
  return { name, description, route: (request) => router.route(request) };
}
