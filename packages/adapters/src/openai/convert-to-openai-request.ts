import type { ChatRequest, ProviderWarning } from '@refract/core';

export interface OpenAIRequestBody {
  body: Record<string, unknown>;
  warnings: ProviderWarning[];
}

/**
 * The upstream Chat Completions body for a canonical request. The canonical request already is
 * the Chat Completions shape, so every field passes through unchanged: messages (tool calls,
 * tool results, images, names), tools, `tool_choice`, `response_format`, `max_tokens` or
 * `max_completion_tokens` as the caller sent them, `reasoning_effort`, and any field Refract does
 * not know (vendor extensions such as vLLM's `top_k` or OpenRouter's `provider`).
 *
 * Only the streaming fields are the adapter's: `chat()` sends neither `stream` nor
 * `stream_options`; `stream()` sends `stream: true` and always asks for
 * `stream_options.include_usage` so that streams are metered like non-streaming calls.
 */
export function toOpenAIChatBody(request: ChatRequest, mode: { stream: boolean }): OpenAIRequestBody {
  const { stream: _stream, stream_options: streamOptions, ...rest } = request;
  if (!mode.stream) return { body: rest, warnings: [] };
  const warnings: ProviderWarning[] = [];
  if (request['logprobs'] === true) {
    warnings.push({
      type: 'unsupported-parameter',
      parameter: 'logprobs',
      message: 'log probabilities are not carried by Refract stream parts; use a non-streaming call to receive them',
    });
  }
  return {
    body: { ...rest, stream: true, stream_options: { ...(streamOptions ?? {}), include_usage: true } },
    warnings,
  };
}
