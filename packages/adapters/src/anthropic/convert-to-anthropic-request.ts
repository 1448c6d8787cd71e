import type { ChatRequest, ProviderWarning } from '@refract/core';
import { imageDetailWarnings } from '../shared';
import type { AnthropicMessagesRequest, AnthropicOutputConfig } from './anthropic-api-types';
import type { AnthropicModelProfile } from './anthropic-model-profile';
import { WarningCollector } from './anthropic-warnings';
import { convertAnthropicReasoning } from './convert-anthropic-reasoning';
import { convertAnthropicTools } from './convert-anthropic-tools';
import { convertToAnthropicMessages, lastAssistantLacksThinking } from './convert-to-anthropic-messages';

/** What the response translation needs to know about the request. */
export interface AnthropicResponseContext {
  /** The synthetic JSON-schema tool: its input is the answer text, not a tool call. */
  jsonToolName?: string;
}

export interface AnthropicRequestTranslation {
  body: AnthropicMessagesRequest;
  warnings: ProviderWarning[];
  context: AnthropicResponseContext;
}

/** OpenAI parameters Anthropic has no equivalent for, with why. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  logit_bias: 'Anthropic has no logit bias',
  logprobs: 'Anthropic returns no log probabilities',
  top_logprobs: 'Anthropic returns no log probabilities',
  presence_penalty: 'Anthropic has no presence penalty',
  frequency_penalty: 'Anthropic has no frequency penalty',
  seed: 'Anthropic has no sampling seed',
  service_tier: "OpenAI service tiers do not map to Anthropic's",
  functions: 'legacy `functions` are not translated; use `tools`',
  function_call: 'legacy `function_call` is not translated; use `tool_choice`',
};

/** Fields read by this translation (everything else is reported as not sent). */
const HANDLED = new Set([
  'model', 'messages', 'stream', 'stream_options', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'top_k', 'n',
  'stop', 'user', 'safety_identifier', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'reasoning_effort',
  'metadata', 'thinking', ...Object.keys(UNSUPPORTED),
]);

/**
 * Translates a canonical (OpenAI-shaped) chat request into an Anthropic Messages request. Every
 * parameter Anthropic cannot honour, and every value the translation had to change, comes back as
 * a warning; content Anthropic cannot accept is refused with a `RefractError`.
 *
 * @example
 * const { body, warnings } = convertToAnthropicRequest(request, anthropicModelProfile(request.model));
 */
export function convertToAnthropicRequest(request: ChatRequest, profile: AnthropicModelProfile, options: { stream?: boolean } = {}): AnthropicRequestTranslation {
  const warnings = new WarningCollector();
  const prompt = convertToAnthropicMessages(request.messages, warnings);
  for (const warning of imageDetailWarnings(request.messages, 'Anthropic')) warnings.add(warning);
  const tools = convertAnthropicTools(request, profile, warnings);
  const reasoning = convertAnthropicReasoning(
    { request, profile, forcesTool: tools.forcesTool, lastAssistantLacksThinking: lastAssistantLacksThinking(prompt.messages) },
    warnings,
  );

  const body: AnthropicMessagesRequest = { model: request.model, max_tokens: reasoning.maxTokens, messages: prompt.messages };
  if (prompt.system.length > 0) body.system = prompt.system;
  if (reasoning.thinking) body.thinking = reasoning.thinking;
  applySampling(request, body, warnings);
  const stop = stopSequences(request.stop, warnings);
  if (stop) body.stop_sequences = stop;
  if (tools.tools) body.tools = tools.tools;
  if (tools.toolChoice) body.tool_choice = tools.toolChoice;
  const outputConfig: AnthropicOutputConfig = {};
  if (reasoning.effort) outputConfig.effort = reasoning.effort;
  if (tools.outputFormat) outputConfig.format = tools.outputFormat;
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  const userId = userIdOf(request, warnings);
  if (userId !== undefined) body.metadata = { user_id: userId };
  if (options.stream) body.stream = true;

  reportUnsupported(request, warnings);
  return { body, warnings: warnings.warnings, context: tools.jsonToolName !== undefined ? { jsonToolName: tools.jsonToolName } : {} };
}

/** temperature (0–2 → Anthropic's 0–1), top_p, top_k; thinking allows only their neutral values. */
function applySampling(request: ChatRequest, body: AnthropicMessagesRequest, warnings: WarningCollector): void {
  const thinkingOn = isThinkingOn(body.thinking);
  const temperature = request.temperature ?? undefined;
  if (temperature !== undefined) {
    if (thinkingOn && temperature !== 1) {
      warnings.changed('temperature', 'not sent: Anthropic requires the default temperature while thinking is on');
    } else if (temperature > 1) {
      warnings.changed('temperature', `Anthropic's temperature range is 0–1; ${temperature} was sent as 1`);
      body.temperature = 1;
    } else {
      body.temperature = temperature;
    }
  }
  const topP = request.top_p ?? undefined;
  if (topP !== undefined) {
    if (thinkingOn && topP < 0.95) warnings.changed('top_p', 'not sent: Anthropic allows top_p of 0.95 or more while thinking is on');
    else body.top_p = topP;
  }
  const topK = (request as Record<string, unknown>)['top_k'];
  if (typeof topK === 'number') {
    if (thinkingOn) warnings.changed('top_k', 'not sent: Anthropic does not allow top_k while thinking is on');
    else body.top_k = topK;
  }
}

function isThinkingOn(thinking: AnthropicMessagesRequest['thinking']): boolean {
  return thinking !== undefined && (thinking as { type?: unknown }).type !== 'disabled';
}

/** `stop` → `stop_sequences`. Anthropic rejects whitespace-only sequences, so those are dropped with a warning. */
function stopSequences(stop: ChatRequest['stop'], warnings: WarningCollector): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const all = typeof stop === 'string' ? [stop] : stop;
  const kept = all.filter((sequence) => sequence.trim() !== '');
  if (kept.length < all.length) warnings.changed('stop', 'whitespace-only stop sequences were not sent: Anthropic rejects them');
  return kept.length > 0 ? kept : undefined;
}

function userIdOf(request: ChatRequest, warnings: WarningCollector): string | undefined {
  const record = request as Record<string, unknown>;
  const metadata = request.metadata;
  if (metadata && Object.keys(metadata).some((key) => key !== 'user_id')) {
    warnings.unsupported('metadata', 'Anthropic metadata holds only user_id; the other metadata keys were not sent');
  }
  const candidates = [request.user, record['safety_identifier'], metadata?.['user_id']];
  return candidates.find((value): value is string => typeof value === 'string' && value !== '');
}

function reportUnsupported(request: ChatRequest, warnings: WarningCollector): void {
  const record = request as Record<string, unknown>;
  if (typeof request.n === 'number' && request.n > 1) {
    warnings.unsupported('n', `Anthropic returns one choice per request; n=${request.n} was not honoured`);
  }
  for (const [key, reason] of Object.entries(UNSUPPORTED)) {
    const value = record[key];
    const neutral = value === undefined || value === null || value === false || value === 0;
    if (!neutral) warnings.unsupported(key, `${reason}; not sent`);
  }
  for (const key of Object.keys(record)) {
    if (!HANDLED.has(key) && record[key] !== undefined && record[key] !== null) {
      warnings.unsupported(key, 'not an Anthropic Messages parameter; not sent');
    }
  }
}
