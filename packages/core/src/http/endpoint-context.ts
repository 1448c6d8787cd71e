import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { Router } from '../router/create-router';
import type { CompletionEvent, HandlerOptions, Identity } from './handler-options';
import type { RouteMatch } from './match-route';

/** What every endpoint gets. */
export interface EndpointContext {
  router: Router;
  options: HandlerOptions;
  request: Request;
  match: RouteMatch;
  metrics: GatewayMetrics;
  startedAt: number;
  /** Authenticates once, on first use. */
  identify(): Promise<Identity>;
  /** Reports a finished request to metrics and `onComplete`, after the response. */
  complete(event: CompletionEvent): void;
}
