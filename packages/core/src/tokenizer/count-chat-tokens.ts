import type { ChatMessage, ChatRequest } from '../spec/chat-request';
import type { Tokenizer } from './tokenizer';

/** Tokens OpenAI charges per message for its framing, and once per request for the reply primer. */
const PER_MESSAGE = 3;
const PER_REQUEST = 3;
/** An image of unknown size at detail `high`/`auto` (OpenAI: 85 base + 170 per 512px tile, 4 tiles). */
const IMAGE_TOKENS_HIGH = 765;
const IMAGE_TOKENS_LOW = 85;

/**
 * Estimates the input tokens of a chat request the way providers count them: message text,
 * role framing, images, tool calls in the history, and the JSON of the tool definitions.
 *
 * @example
 * countChatTokens({ messages: [{ role: 'user', content: 'hi' }] }, heuristicTokenizer); // 7
 */
export function countChatTokens(request: Pick<ChatRequest, 'messages' | 'tools'>, tokenizer: Tokenizer): number {
  let total = PER_REQUEST;
  for (const message of request.messages) total += countMessageTokens(message, tokenizer);
  if (request.tools && request.tools.length > 0) total += tokenizer.count(JSON.stringify(request.tools));
  return total;
}

export function countMessageTokens(message: ChatMessage, tokenizer: Tokenizer): number {
  let total = PER_MESSAGE;
  const content = message.content;
  if (typeof content === 'string') {
    total += tokenizer.count(content);
  } else if (Array.isArray(content)) {
    for (const part of content) {
      if (part.type === 'text' && typeof part['text'] === 'string') total += tokenizer.count(part['text']);
      else if (part.type === 'image_url') total += imageTokens(part);
      else total += tokenizer.count(JSON.stringify(part));
    }
  }
  if (message.role === 'assistant' && message.tool_calls) {
    for (const call of message.tool_calls) total += 3 + tokenizer.count(call.function.name) + tokenizer.count(call.function.arguments);
  }
  if ('name' in message && typeof message.name === 'string') total += 1;
  return total;
}

function imageTokens(part: { [key: string]: unknown }): number {
  const image = part['image_url'] as { detail?: string } | undefined;
  return image?.detail === 'low' ? IMAGE_TOKENS_LOW : IMAGE_TOKENS_HIGH;
}
