import type { RouteContext } from '@refract/core';

/** A request to explain and the routing context it carries. */
export interface ExplainInput {
  request: Record<string, unknown>;
  context: RouteContext;
}

export interface PromptInput {
  prompt: string;
  system?: string | undefined;
  model: string;
}

/**
 * The chat request for a plain prompt: an optional system message, then one user message.
 *
 * @example
 * promptRequest({ prompt: 'Hello', model: 'auto' }); // { model: 'auto', messages: [{ role: 'user', content: 'Hello' }] }
 */
export function promptRequest(input: PromptInput): Record<string, unknown> {
  const messages: { role: string; content: string }[] = [];
  if (input.system !== undefined && input.system.length > 0) messages.push({ role: 'system', content: input.system });
  messages.push({ role: 'user', content: input.prompt });
  return { model: input.model, messages };
}

/** A JSONL line that is not a usable request; reported for that line, the run goes on. */
export class InputLineError extends Error {
  override readonly name = 'InputLineError';
  readonly code = 'invalid_input_line';
}

/**
 * Reads one `--input` line: a chat request `{"messages": [...], ...}` or a prompt
 * `{"prompt": "...", "system"?: "..."}`. Either may carry `"tenant"` (taken out of the request
 * and used as the routing tenant) and any chat-request field (`model`, `tools`, `max_tokens`, …).
 * `model` defaults to `defaultModel`. The request itself is validated later, by the router.
 *
 * @throws InputLineError for text that is not JSON, not an object, or has neither or both of
 * `messages` and `prompt`.
 */
export function parseInputLine(line: string, defaultModel: string): ExplainInput {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InputLineError(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputLineError('each line must be a JSON object with "messages" or "prompt"');
  }
  const { tenant, prompt, system, ...rest } = value as Record<string, unknown>;
  const context: RouteContext = {};
  if (tenant !== undefined) {
    if (typeof tenant !== 'string' || tenant.length === 0) throw new InputLineError('"tenant" must be a non-empty string');
    context.tenant = tenant;
  }
  const model = rest['model'] ?? defaultModel;
  if (prompt !== undefined) {
    if ('messages' in rest) throw new InputLineError('a line has either "prompt" or "messages", not both');
    if (typeof prompt !== 'string') throw new InputLineError('"prompt" must be a string');
    if (system !== undefined && typeof system !== 'string') throw new InputLineError('"system" must be a string');
    const base = promptRequest({ prompt, system, model: defaultModel });
    return { request: { ...rest, ...base, model }, context };
  }
  if (system !== undefined) throw new InputLineError('"system" goes with "prompt"; with "messages", add a system message instead');
  if (!('messages' in rest)) throw new InputLineError('each line needs "messages" (a chat request) or "prompt" (a text)');
  return { request: { ...rest, model }, context };
}
