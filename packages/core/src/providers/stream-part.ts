import type { ProviderError } from '../errors/provider-error';
import type { FinishReason } from '../spec/chat-response';
import type { Usage } from './usage';
import type { ProviderWarning } from './provider-warning';

/**
 * The typed stream every adapter produces, whatever its wire format (SSE, NDJSON, AWS event
 * stream). OpenAI chunks are produced from it by `StreamChunkWriter`, and a whole response by
 * `collectStream`.
 *
 * Contract: an adapter's `stream()` throws a `ProviderError` from its first `next()` when the call
 * fails before the response starts (connect error, non-2xx status, or an error the provider sends
 * before its first event, such as Anthropic's `overloaded_error`). After that it never throws:
 * failures (malformed chunks, a cut connection, an in-band provider error, an abort) arrive as one
 * `error` part, which is always the last part. The gateway may fall back on either, as long as no
 * part has been sent to the client (the gateway sends one as soon as `stream-start` arrives).
 */
export type StreamPart =
  | StreamStartPart
  | TextDeltaPart
  | ReasoningDeltaPart
  | ToolCallStartPart
  | ToolCallDeltaPart
  | FinishPart
  | UsagePart
  | WarningPart
  | ErrorPart;

/**
 * First part of every stream, produced when the provider's first valid event arrives (not on the
 * response headers alone): the response id and model, if it sent them. The gateway commits a
 * stream to its provider when this part arrives and sends the client its first chunk then.
 */
export interface StreamStartPart {
  type: 'stream-start';
  id?: string;
  model?: string;
  /** Unix seconds. */
  created?: number;
  warnings?: ProviderWarning[];
}

export interface TextDeltaPart {
  type: 'text-delta';
  delta: string;
  /** Choice index for `n > 1` streams; 0 when absent. */
  choiceIndex?: number;
}

export interface ReasoningDeltaPart {
  type: 'reasoning-delta';
  delta: string;
  choiceIndex?: number;
  /** Provider signature of a reasoning block (Anthropic thinking, Gemini thought signature). */
  signature?: string;
}

/** A new tool call begins. `index` is the tool call's position in this response (0, 1, …). */
export interface ToolCallStartPart {
  type: 'tool-call-start';
  index: number;
  id: string;
  name: string;
  choiceIndex?: number;
  /**
   * Provider data that must travel with this tool call and be sent back with it on the next turn,
   * e.g. `{ google: { thought_signature } }` for Gemini. It is written to OpenAI chunks and
   * completions as the tool call's `extra_content` field, the convention of Gemini's own
   * OpenAI-compatible API, so clients that keep tool calls verbatim round-trip it.
   */
  extraContent?: Record<string, unknown>;
}

/** A fragment of a tool call's JSON arguments. */
export interface ToolCallDeltaPart {
  type: 'tool-call-delta';
  index: number;
  argumentsDelta: string;
  choiceIndex?: number;
}

export interface FinishPart {
  type: 'finish';
  finishReason: FinishReason;
  choiceIndex?: number;
}

/** Token usage as reported by the provider (the last one wins when several arrive). */
export interface UsagePart {
  type: 'usage';
  usage: Usage;
}

export interface WarningPart {
  type: 'warning';
  warning: ProviderWarning;
}

/** A failure after the stream began. Always the last part. */
export interface ErrorPart {
  type: 'error';
  error: ProviderError;
}
