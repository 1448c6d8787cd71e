import type { ChatMessage, MessageContent } from '../spec/chat-request';

/** The text of a message's content: a string as is, the `text` parts of an array joined by newlines. */
export function textOf(content: MessageContent | null | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let out = '';
  for (const part of content) {
    if (part.type === 'text' && typeof part['text'] === 'string') out += (out === '' ? '' : '\n') + part['text'];
  }
  return out;
}

const TOOL_OUTPUT_PREFIX =
  /^\s*(?:\[?tool (?:result|output) for\b|tool_(?:call_)?result\b|<tool_result\b|<function_results\b|<result>|(?:result|output) of (?:the )?(?:tool|command|function)\b|this is the currently open file:)/i;

/** Text that is a tool's output pasted into a user message by an agent, not a person's words. */
export function isToolOutputText(text: string): boolean {
  return TOOL_OUTPUT_PREFIX.test(text);
}

/** The message carries structured tool output (tool role, or tool_result blocks). */
export function isToolResultMessage(message: ChatMessage): boolean {
  if (message.role === 'tool' || message.role === 'function') return true;
  if (message.role === 'user' && Array.isArray(message.content)) {
    return message.content.some((part) => part.type === 'tool_result' || part.type === 'tool_use_result');
  }
  return false;
}

/** A user message a person wrote (not a tool result in disguise). */
export function isGenuineUserMessage(message: ChatMessage): boolean {
  if (message.role !== 'user' || isToolResultMessage(message)) return false;
  return !isToolOutputText(textOf(message.content));
}
