import { ProviderError, usageToOpenAI, type ChatCompletion, type ProviderWarning } from '@refract/core';
import type { BedrockContentBlock, BedrockConverseResponse } from './bedrock-api-types';
import type { ToolNameMap } from './bedrock-tool-names';
import { usageFromBedrock } from './bedrock-usage';
import { mapBedrockStopReason } from './map-bedrock-finish-reason';

export interface ResponseContext {
  provider: string;
  id: string;
  model: string;
  created: number;
  toolNames: ToolNameMap;
}

/**
 * A Converse response → an OpenAI chat completion: text blocks joined into `content`, `toolUse`
 * blocks → `tool_calls` (ids kept, input as JSON text), `reasoningContent` → `reasoning_content`,
 * `stopReason` → `finish_reason`, usage with cache reads and writes counted in `prompt_tokens`.
 */
export function convertBedrockResponse(json: unknown, context: ResponseContext): { response: ChatCompletion; warnings: ProviderWarning[] } {
  const body = json as BedrockConverseResponse;
  const content = body?.output?.message?.content;
  if (!Array.isArray(content)) {
    throw new ProviderError({ provider: context.provider, kind: 'decode', message: `Converse response has no output.message.content: ${JSON.stringify(json).slice(0, 200)}` });
  }
  const warnings: ProviderWarning[] = [];
  let text = '';
  let reasoning = '';
  const toolCalls: NonNullable<ChatCompletion['choices'][number]['message']['tool_calls']> = [];
  let redacted = false;
  for (const block of content as BedrockContentBlock[]) {
    if (typeof block.text === 'string') text += block.text;
    else if (block.toolUse) {
      toolCalls.push({
        id: block.toolUse.toolUseId,
        type: 'function',
        function: { name: context.toolNames.fromBedrock(block.toolUse.name), arguments: JSON.stringify(block.toolUse.input ?? {}) },
      });
    } else if (block.reasoningContent?.reasoningText) reasoning += block.reasoningContent.reasoningText.text ?? '';
    else if (block.reasoningContent?.redactedContent !== undefined) redacted = true;
  }
  if (redacted) warnings.push(REDACTED_REASONING_WARNING);
  const mapped = mapBedrockStopReason(body.stopReason);
  if (mapped.warning) warnings.push(mapped.warning);
  const usage = usageFromBedrock(body.usage);
  const response: ChatCompletion = {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...(reasoning !== '' ? { reasoning_content: reasoning } : {}),
        },
        finish_reason: mapped.finishReason,
      },
    ],
  };
  if (usage) response.usage = usageToOpenAI(usage);
  return { response, warnings };
}

export const REDACTED_REASONING_WARNING: ProviderWarning = {
  type: 'other',
  message: 'the model returned redacted (encrypted) reasoning, which has no OpenAI equivalent and was left out.',
};
