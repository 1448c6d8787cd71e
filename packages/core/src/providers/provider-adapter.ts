import type { ChatRequest } from '../spec/chat-request';
import type { ChatCompletion } from '../spec/chat-response';
import type { EmbeddingsRequest, EmbeddingsResponse } from '../spec/embeddings';
import type { ProviderWarning } from './provider-warning';
import type { StreamPart } from './stream-part';

/** Per-call options every adapter honours. */
export interface ProviderCallOptions {
  /** Aborts the call; mid-stream the upstream connection is closed. */
  signal?: AbortSignal;
  /**
   * Upper bound for the whole non-streaming call, or for the time until the stream's response
   * headers arrive and between two stream reads when streaming.
   */
  timeoutMs?: number;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
}

export interface ProviderChatResult {
  response: ChatCompletion;
  warnings: ProviderWarning[];
}

export interface ProviderEmbeddingsResult {
  response: EmbeddingsResponse;
  warnings: ProviderWarning[];
}

export interface ProviderModelInfo {
  id: string;
  contextWindow?: number;
  ownedBy?: string;
}

/**
 * A provider behind a uniform, OpenAI-shaped interface. Requests and responses are the canonical
 * types; each adapter translates to and from its API (messages, tools, images, stop reasons,
 * usage), in both directions and in streams.
 *
 * `request.model` is the provider's own model (or deployment) id.
 */
export interface ProviderAdapter {
  /** Instance id, unique within a router, e.g. `openai` or `bedrock-eu`. */
  readonly id: string;
  /** Adapter kind, e.g. `openai`, `azure`, `anthropic`, `bedrock`, `ollama`, `gemini`. */
  readonly type: string;
  chat(request: ChatRequest, options?: ProviderCallOptions): Promise<ProviderChatResult>;
  /** See `StreamPart` for the error contract. */
  stream(request: ChatRequest, options?: ProviderCallOptions): AsyncIterable<StreamPart>;
  embed?(request: EmbeddingsRequest, options?: ProviderCallOptions): Promise<ProviderEmbeddingsResult>;
  listModels?(options?: ProviderCallOptions): Promise<ProviderModelInfo[]>;
}
