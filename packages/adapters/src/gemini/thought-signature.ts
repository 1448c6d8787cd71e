/**
 * Where Gemini thought signatures live in the canonical (OpenAI-shaped) messages. Refract uses the
 * convention of Gemini's own OpenAI-compatible API:
 * - a signature returned on a `functionCall` part → `tool_calls[i].extra_content.google.thought_signature`;
 * - a signature returned on a text part (non-function-call answers) →
 *   `message.extra_content.google.thought_signature`.
 * The request schema is loose, so clients that send the assistant message back verbatim send the
 * signature back, and the adapter puts it on the same part of the next request.
 */

/**
 * Google's documented placeholder for function calls whose signature is unknown (a history written
 * by another model, or by a client that dropped `extra_content`). Gemini 3 rejects a function call
 * of the current turn without a signature; with this value it accepts it, without the thought
 * context the real signature would restore.
 */
export const PLACEHOLDER_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/** The `extra_content` value carrying a signature. */
export function signatureExtraContent(signature: string): { google: { thought_signature: string } } {
  return { google: { thought_signature: signature } };
}

/** Reads `extra_content.google.thought_signature` from a tool call or message (loose objects). */
export function readThoughtSignature(holder: unknown): string | undefined {
  if (typeof holder !== 'object' || holder === null) return undefined;
  const extra = (holder as Record<string, unknown>)['extra_content'];
  if (typeof extra !== 'object' || extra === null) return undefined;
  const google = (extra as Record<string, unknown>)['google'];
  if (typeof google !== 'object' || google === null) return undefined;
  const signature = (google as Record<string, unknown>)['thought_signature'];
  return typeof signature === 'string' && signature !== '' ? signature : undefined;
}
