import type { ChatMessage, ChatRequest, MessageContent } from '@refract/core';

/** The text of a message's content: text parts joined, other parts named in brackets. */
export function contentText(content: MessageContent | null | undefined): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part) => {
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      return `[${part.type.replace(/_url$/, '')}]`;
    })
    .join(' ');
}

/** The last message, skipping nothing: the demo answers whatever came last. */
export function lastMessage(request: ChatRequest): ChatMessage | undefined {
  return request.messages[request.messages.length - 1];
}

/** The text of the last user message (the prompt the demo echoes). */
export function lastUserText(request: ChatRequest): string {
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index];
    if (message?.role === 'user') return contentText(message.content);
  }
  return '';
}

/** One line, at most `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** A rough, deterministic token count (four characters per token), at least 1. */
export function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Prompt tokens of a request, counted the demo's rough way (text, tool calls, tool definitions). */
export function promptTokens(request: ChatRequest): number {
  let total = 0;
  for (const message of request.messages) {
    total += 4 + roughTokens(contentText(message.content as MessageContent | null | undefined));
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) total += roughTokens(call.function.name + call.function.arguments);
  }
  if (request.tools) total += roughTokens(JSON.stringify(request.tools));
  return total;
}
