import { ProviderError, type ChatCompletion, type OpenAIUsage } from '@refract/core';
import { finiteNumber, isRecord, nonEmptyString, unixSeconds, type JsonRecord } from '../shared';
import { mapOllamaDoneReason } from './map-ollama-finish-reason';
import { ollamaInBandError } from './ollama-error';
import { ollamaToolCallId } from './ollama-tool-call-id';

type ToolCall = NonNullable<ChatCompletion['choices'][number]['message']['tool_calls']>[number];

/**
 * A non-streaming `/api/chat` body → the canonical completion: `message.thinking` →
 * `reasoning_content`, tool calls get ids (see `ollamaToolCallId`) and string arguments,
 * `done_reason` → finish reason, `prompt_eval_count`/`eval_count` → usage.
 *
 * @throws ProviderError `decode` when the body is not a chat response; the in-band error for an
 * `{"error": ...}` body.
 */
export function convertOllamaResponse(json: unknown, context: { provider: string; model: string; id: string }): ChatCompletion {
  if (!isRecord(json)) throw decode(context.provider, json);
  if (json['error'] !== undefined && json['error'] !== null) throw ollamaInBandError(context.provider, json);
  if (!isRecord(json['message'])) throw decode(context.provider, json);
  const message = json['message'];
  const toolCalls = toolCallsOf(message['tool_calls'], context.id, 0);
  const text = typeof message['content'] === 'string' ? message['content'] : '';
  const thinking = nonEmptyString(message['thinking']);
  return {
    id: context.id,
    object: 'chat.completion',
    created: createdOf(json),
    model: nonEmptyString(json['model']) ?? context.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...(thinking !== undefined ? { reasoning_content: thinking } : {}),
        },
        finish_reason: mapOllamaDoneReason(json['done_reason'], toolCalls.length > 0),
      },
    ],
    usage: ollamaUsage(json),
  };
}

/** Ollama tool calls (whole, never fragmented) → canonical tool calls, numbered from `firstIndex`. */
export function toolCallsOf(raw: unknown, responseId: string, firstIndex: number): ToolCall[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((call, offset) => {
    const fn = isRecord(call['function']) ? call['function'] : {};
    const args = fn['arguments'];
    return {
      id: nonEmptyString(call['id']) ?? ollamaToolCallId(responseId, firstIndex + offset),
      type: 'function' as const,
      function: { name: typeof fn['name'] === 'string' ? fn['name'] : '', arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) },
    };
  });
}

/** Usage from the final object. Ollama omits `prompt_eval_count` when the whole prompt was cached. */
export function ollamaUsage(json: JsonRecord): OpenAIUsage {
  const prompt = finiteNumber(json['prompt_eval_count']) ?? 0;
  const completion = finiteNumber(json['eval_count']) ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function createdOf(json: JsonRecord): number {
  const at = typeof json['created_at'] === 'string' ? Date.parse(json['created_at']) : Number.NaN;
  return Number.isFinite(at) ? unixSeconds(at) : unixSeconds();
}

function decode(provider: string, body: unknown): ProviderError {
  return new ProviderError({ provider, kind: 'decode', message: `not an Ollama chat response: ${JSON.stringify(body)?.slice(0, 200)}` });
}
