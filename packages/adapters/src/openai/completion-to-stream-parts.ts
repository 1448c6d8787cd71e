import { usageFromOpenAI, type ChatCompletion, type ProviderWarning, type StreamPart } from '@refract/core';
import { isRecord } from '../shared';
import { withChoice } from './openai-tool-call-stream';

/**
 * Replays a whole completion as stream parts, for servers that answer a streaming request with
 * one JSON body. `collectStream` of the result gives back the same completion.
 */
export function completionToStreamParts(completion: ChatCompletion, warnings: ProviderWarning[]): StreamPart[] {
  const parts: StreamPart[] = [
    {
      type: 'stream-start',
      id: completion.id,
      model: completion.model,
      created: completion.created,
      ...(warnings.length > 0 ? { warnings } : {}),
    },
  ];
  for (const choice of completion.choices) {
    const { index, message } = choice;
    if (message.reasoning_content) parts.push(withChoice({ type: 'reasoning-delta', delta: message.reasoning_content }, index));
    if (message.content) parts.push(withChoice({ type: 'text-delta', delta: message.content }, index));
    (message.tool_calls ?? []).forEach((call, callIndex) => {
      const extraContent = call['extra_content'];
      parts.push(
        withChoice(
          { type: 'tool-call-start', index: callIndex, id: call.id, name: call.function.name, ...(isRecord(extraContent) ? { extraContent } : {}) },
          index,
        ),
      );
      if (call.function.arguments !== '') {
        parts.push(withChoice({ type: 'tool-call-delta', index: callIndex, argumentsDelta: call.function.arguments }, index));
      }
    });
    parts.push(withChoice({ type: 'finish', finishReason: choice.finish_reason ?? 'stop' }, index));
  }
  if (completion.usage) parts.push({ type: 'usage', usage: usageFromOpenAI(completion.usage) });
  return parts;
}
