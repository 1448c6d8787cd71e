import { ProviderError, type ChatCompletion, type ProviderWarning } from '@refract/core';
import { generateId, isRecord, nonEmptyString, finiteNumber, unixSeconds, type JsonRecord } from '../shared';
import { contentFilterFinishWarning, contentFilterWarnings, promptFilterWarnings } from './content-filter-warnings';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { readContentSegments, reasoningField } from './openai-message-content';
import { isOpenAIErrorPayload, openAIInBandError } from './openai-error';
import { usageOfPayload } from './openai-usage';

export interface ConvertedOpenAIResponse {
  completion: ChatCompletion;
  warnings: ProviderWarning[];
}

/**
 * Turns a Chat Completions body from any OpenAI-compatible server into the canonical
 * `ChatCompletion`. Fields Refract does not know are kept (system_fingerprint, service_tier,
 * annotations, logprobs, x_groq, prompt_filter_results, …). Normalised: missing id/created/model,
 * content sent as an array of parts (Mistral), reasoning sent as `reasoning` (Groq) or thinking
 * parts (Mistral) → `reasoning_content`, tool calls without `type` or with object arguments,
 * `tool_calls: null`, and usage (see `normalizeOpenAIUsage`).
 *
 * @throws ProviderError `decode` when the body is not a completion; the in-band error when the
 * body is an error object sent with status 200.
 */
export function convertOpenAIResponse(json: unknown, context: { provider: string; model: string }): ConvertedOpenAIResponse {
  if (!isRecord(json)) throw decode(context.provider, 'the response body is not a JSON object', json);
  if (isOpenAIErrorPayload(json)) throw openAIInBandError(context.provider, json);
  const rawChoices = json['choices'];
  if (!Array.isArray(rawChoices)) throw decode(context.provider, 'the response has no choices array', json);
  const warnings: ProviderWarning[] = [...promptFilterWarnings(json)];
  const choices = rawChoices.map((raw, position) => convertChoice(isRecord(raw) ? raw : {}, position, warnings));
  const { usage: _usage, ...rest } = json;
  const usage = usageOfPayload(json);
  const completion: ChatCompletion = {
    ...rest,
    id: nonEmptyString(json['id']) ?? generateId(),
    object: 'chat.completion',
    created: finiteNumber(json['created']) ?? unixSeconds(),
    model: nonEmptyString(json['model']) ?? context.model,
    choices,
    ...(usage ? { usage } : {}),
  };
  return { completion, warnings };
}

function convertChoice(choice: JsonRecord, position: number, warnings: ProviderWarning[]): ChatCompletion['choices'][number] {
  const index = finiteNumber(choice['index']) ?? position;
  const message = isRecord(choice['message']) ? choice['message'] : {};
  const { segments, unknownTypes } = readContentSegments(message['content']);
  for (const type of unknownTypes) {
    warnings.push({ type: 'other', message: `choice ${index}: content part of type "${type}" is not text and was left out of content` });
  }
  const text = segments.filter((segment) => segment.kind === 'text').map((segment) => segment.text).join('');
  const reasoning = reasoningField(message) ?? segments.filter((segment) => segment.kind === 'reasoning').map((segment) => segment.text).join('');
  const toolCalls = Array.isArray(message['tool_calls']) ? message['tool_calls'].filter(isRecord).map(convertToolCall) : [];
  const { reasoning: _reasoning, reasoning_content: _reasoningContent, tool_calls: _toolCalls, content: _content, ...messageRest } = message;
  const finishReason = mapOpenAIFinishReason(choice['finish_reason']);
  warnings.push(...contentFilterWarnings(choice['content_filter_results'], `completion of choice ${index}`));
  if (finishReason === 'content_filter') warnings.push(contentFilterFinishWarning(index));
  return {
    ...choice,
    index,
    message: {
      ...messageRest,
      role: 'assistant',
      content: typeof message['content'] === 'string' ? message['content'] : text === '' ? null : text,
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      ...(reasoning !== '' ? { reasoning_content: reasoning } : {}),
    },
    finish_reason: finishReason,
  };
}

function convertToolCall(call: JsonRecord): NonNullable<ChatCompletion['choices'][number]['message']['tool_calls']>[number] {
  const fn = isRecord(call['function']) ? call['function'] : {};
  const args = fn['arguments'];
  return {
    ...call,
    id: nonEmptyString(call['id']) ?? generateId('call'),
    type: 'function',
    function: {
      ...fn,
      name: typeof fn['name'] === 'string' ? fn['name'] : '',
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    },
  };
}

function decode(provider: string, message: string, body: unknown): ProviderError {
  return new ProviderError({ provider, kind: 'decode', message: `${message}: ${JSON.stringify(body)?.slice(0, 200)}` });
}
