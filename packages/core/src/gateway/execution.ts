import type { PricedRequest } from '../cost/price-request';
import type { Usage } from '../providers/usage';
import type { RouteDecision } from '../router/decision';
import type { ChatChunk } from '../spec/chat-chunk';
import type { ChatCompletion } from '../spec/chat-response';
import type { AutoRoutingInfo, CostInfo } from './enrichment';
import type { Attempt } from './targets';

/** A response as sent to the client, with Refract's additions. */
export type EnrichedCompletion = ChatCompletion & { auto_routing: AutoRoutingInfo; cost_info: CostInfo };

/** The target that answered. */
export interface Served {
  provider: string;
  model: string;
}

/** What `router.chat()` returns. */
export interface ChatExecution {
  requestId: string;
  /** The response to send: the provider's, plus `auto_routing` and `cost_info`. */
  response: EnrichedCompletion;
  decision: RouteDecision;
  served: Served;
  usage: Usage;
  cost: PricedRequest;
  attempts: Attempt[];
  latencyMs: number;
  headers: Record<string, string>;
}

/** How a stream ended, known once it has. */
export interface StreamSummary {
  status: 'success' | 'error';
  served: Served;
  usage: Usage;
  cost: PricedRequest;
  attempts: Attempt[];
  latencyMs: number;
  timeToFirstTokenMs: number | undefined;
  /** The error that ended the stream after it had started. */
  error?: Error;
}

/**
 * What `router.stream()` resolves to once a provider has started answering (fallbacks happen
 * before this, never after the first chunk). Iterate it for OpenAI chunks; the last chunk carries
 * usage, `auto_routing` and `cost_info`. A failure after the stream began is thrown from the
 * iteration (the HTTP layer turns it into an SSE error event); `summary` says how it ended.
 */
export interface StreamExecution extends AsyncIterable<ChatChunk> {
  requestId: string;
  decision: RouteDecision;
  served: Served;
  headers: Record<string, string>;
  summary: Promise<StreamSummary>;
  /** Closes the upstream stream without reading it (the client went away before the first chunk). */
  cancel(): Promise<void>;
}
