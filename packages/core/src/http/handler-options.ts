import type { PricedRequest } from '../cost/price-request';
import type { Attempt } from '../gateway/targets';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { Usage } from '../providers/usage';
import type { RouteDecision } from '../router/decision';
import type { CallPlan } from '../router/route-context';
import type { Idempotency } from '../idempotency/create-idempotency';
import type { CostMode } from '../rules/rule-set-schema';
import type { Tier } from '../tiers/tiers';

/** Who is calling. */
export interface Identity {
  tenant: string;
  keyId?: string;
  /** Visible prefix of the key (never the key). */
  keyPrefix?: string;
  /** The key's own limits, which apply on top of the tenant's. */
  keyLimits?: { requestsPerMinute?: number | undefined; tokensPerMinute?: number | undefined };
}

/** An admitted call: headers for the response, and how to settle or release its reservation. */
export interface Admitted {
  headers: Record<string, string>;
  settle(actual: { usd: number; inputTokens: number; outputTokens: number }): void;
  release(): void;
}

/** One finished request, successful or not, for records and hooks. */
export interface CompletionEvent {
  requestId: string;
  identity: Identity;
  endpoint: 'chat' | 'stream' | 'embeddings';
  requestedModel: string;
  sessionId: string | undefined;
  decision: RouteDecision | undefined;
  served: { provider: string; model: string } | undefined;
  usage: Usage;
  cost: PricedRequest | undefined;
  attempts: Attempt[];
  status: 'success' | 'error';
  httpStatus: number;
  error: { code: string; message: string } | undefined;
  latencyMs: number;
  timeToFirstTokenMs: number | undefined;
  /** Epoch ms when the request arrived. */
  startedAt: number;
}

export interface HandlerOptions {
  /** A path prefix to strip before matching (`/ai` when mounted there without stripping). */
  basePath?: string;
  /** Request body limit in bytes. Default 32 MiB. */
  maxBodyBytes?: number;
  /** Who is calling. Default: the tenant in the path (`/api/{tenant}/v1/…`) or the default tenant, no key. */
  authenticate?: (request: Request, pathTenant: string | undefined) => Promise<Identity>;
  /** Budget guard state before routing (a forced cost mode, blocked tiers). */
  guard?: (identity: Identity) => Promise<{ costMode?: CostMode | undefined; blockedTiers?: readonly Tier[] | undefined } | undefined>;
  /** Replays non-streaming requests that carry an `Idempotency-Key` header. */
  idempotency?: Idempotency;
  /** Rate limits and budget reservation for a call; throw a RefractError (with headers) to refuse. */
  admit?: (identity: Identity, plan: CallPlan) => Promise<Admitted>;
  /** Called once per finished request (records, analytics). Must not throw; runs after the response. */
  onComplete?: (event: CompletionEvent) => void;
  /** Serves `/admin/*` (tenants, keys, rule sets, stats). */
  admin?: (request: Request) => Promise<Response>;
  /** Extra status for `/health` (storage reachability). */
  health?: () => Promise<{ status: 'ok' | 'degraded' | 'down'; [key: string]: unknown }>;
  /** Prometheus metrics; a fresh registry by default. */
  metrics?: GatewayMetrics;
  /** Marks responses as served by a demo provider (`x-refract-demo: true`). */
  demoProviders?: readonly string[];
  /** Unexpected errors (bugs), reported here; clients see a generic 500. */
  onError?: (error: unknown) => void;
}
