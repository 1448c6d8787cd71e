import { ProviderError, usageToOpenAI, type ChatCompletion, type ProviderWarning, type ResponseMessage, type ToolCall } from '@refract/core';
import { generateId, unixSeconds } from '../shared';
import type { AnthropicMessage, AnthropicResponseBlock } from './anthropic-api-types';
import { warnCitations, warnFallback, warnOmittedBlock, warnRefusal } from './anthropic-block-warnings';
import { usageFromAnthropic } from './anthropic-usage';
import { WarningCollector } from './anthropic-warnings';
import type { AnthropicResponseContext } from './convert-to-anthropic-request';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason';

/** A thinking block as returned in `message.thinking_blocks`, to be sent back on the next turn. */
export type ThinkingBlock = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

export interface ConvertedAnthropicResponse {
  response: ChatCompletion;
  warnings: ProviderWarning[];
}

/**
 * Translates an Anthropic `message` into an OpenAI chat completion:
 * - text blocks → `content` (concatenated); `tool_use` → `tool_calls` (ids kept, input as JSON);
 * - thinking blocks → `reasoning_content`, and all thinking blocks with their signatures (and
 *   redacted thinking) → `thinking_blocks`, which this adapter accepts back on assistant messages;
 * - `stop_reason` → `finish_reason` (see `mapAnthropicFinishReason`), a refusal's explanation →
 *   `refusal` and a warning; usage with cache reads and writes (see `usageFromAnthropic`);
 * - server-tool and other blocks without an OpenAI equivalent → left out, with a warning.
 *
 * @example
 * const { response, warnings } = convertAnthropicResponse(await body.json(), {}, { provider: 'anthropic', model });
 */
export function convertAnthropicResponse(
  message: AnthropicMessage,
  context: AnthropicResponseContext,
  options: { provider: string; model: string },
): ConvertedAnthropicResponse {
  if (!message || typeof message !== 'object' || !Array.isArray(message.content)) {
    throw new ProviderError({
      provider: options.provider,
      kind: 'decode',
      message: `response is not an Anthropic message: ${JSON.stringify(message).slice(0, 200)}`,
    });
  }
  const warnings = new WarningCollector();
  let text = '';
  let reasoning = '';
  const thinkingBlocks: ThinkingBlock[] = [];
  const toolCalls: ToolCall[] = [];
  let answeredWithJsonTool = false;

  for (const block of message.content as AnthropicResponseBlock[]) {
    switch (block.type) {
      case 'text':
        text += typeof block.text === 'string' ? block.text : '';
        if (Array.isArray(block.citations) && block.citations.length > 0) warnCitations(warnings);
        break;
      case 'thinking':
        reasoning += typeof block.thinking === 'string' ? block.thinking : '';
        thinkingBlocks.push({ type: 'thinking', thinking: String(block.thinking ?? ''), signature: String(block.signature ?? '') });
        break;
      case 'redacted_thinking':
        thinkingBlocks.push({ type: 'redacted_thinking', data: String(block.data ?? '') });
        break;
      case 'tool_use': {
        const input = JSON.stringify(block.input ?? {});
        if (context.jsonToolName !== undefined && block.name === context.jsonToolName) {
          text += input;
          answeredWithJsonTool = true;
        } else {
          toolCalls.push({ id: String(block.id ?? ''), type: 'function', function: { name: String(block.name ?? ''), arguments: input } });
        }
        break;
      }
      case 'fallback':
        warnFallback(block, warnings);
        break;
      default:
        warnOmittedBlock(String(block.type), warnings);
    }
  }

  const mapped = mapAnthropicFinishReason(message.stop_reason, { answeredWithJsonTool: answeredWithJsonTool && toolCalls.length === 0 });
  if (mapped.warning) warnings.add(mapped.warning);
  const responseMessage: ResponseMessage = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
  if (toolCalls.length > 0) responseMessage.tool_calls = toolCalls;
  if (reasoning !== '') responseMessage.reasoning_content = reasoning;
  if (thinkingBlocks.length > 0) responseMessage['thinking_blocks'] = thinkingBlocks;
  if (message.stop_reason === 'refusal') {
    warnRefusal(message.stop_details, warnings);
    if (message.stop_details?.explanation) responseMessage.refusal = message.stop_details.explanation;
  }

  const response: ChatCompletion = {
    id: typeof message.id === 'string' ? message.id : generateId(),
    object: 'chat.completion',
    created: unixSeconds(),
    model: typeof message.model === 'string' ? message.model : options.model,
    choices: [{ index: 0, message: responseMessage, finish_reason: mapped.finishReason }],
  };
  if (message.usage) response.usage = usageToOpenAI(usageFromAnthropic(message.usage));
  return { response, warnings: warnings.warnings };
}
