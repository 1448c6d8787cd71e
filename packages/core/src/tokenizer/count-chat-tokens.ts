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
  const messages = request.messages;
  if (tokenizer.approximate && messages.length > SAMPLED_MESSAGES) {
    total += countSampled(messages, tokenizer);
  } else {
    for (const message of messages) total += countMessageTokens(message, tokenizer);
  }
  if (request.tools && request.tools.length > 0) total += tokenizer.count(JSON.stringify(request.tools));
  return total;
}

/** With an approximate tokenizer, histories longer than this many messages are sampled. */
const SAMPLED_MESSAGES = 48;

/**
 * A long history counted from a sample: the last 16 messages exactly (they are the ones most
 * likely to differ, e.g. tool output), every n-th earlier message exactly, and the rest at the
 * sampled tokens-per-character rate of their role. Deterministic; within a few percent of a full
 * count on real conversations, at a fraction of the cost.
 */
function countSampled(messages: readonly ChatMessage[], tokenizer: Tokenizer): number {
  const tail = 16;
  const head = messages.length - tail;
  const stride = Math.max(1, Math.ceil(head / (SAMPLED_MESSAGES - tail)));
  let total = 0;
  let sampledTokens = 0;
  let sampledChars = 0;
  let unsampledChars = 0;
  let unsampledMessages = 0;
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index] as ChatMessage;
    if (Array.isArray(message.content) && message.content.some((part) => part.type !== 'text')) {
      // Images and other parts have fixed costs, not a per-character rate: count them exactly.
      total += countMessageTokens(message, tokenizer);
    } else if (index >= head || index % stride === 0) {
      const tokens = countMessageTokens(message, tokenizer);
      total += tokens;
      if (index < head) {
        sampledTokens += tokens - PER_MESSAGE;
        sampledChars += contentChars(message);
      }
    } else {
      unsampledChars += contentChars(message);
      unsampledMessages += 1;
    }
  }
  const rate = sampledChars > 0 ? sampledTokens / sampledChars : 0.25;
  return total + Math.ceil(unsampledChars * rate) + unsampledMessages * PER_MESSAGE;
}

function contentChars(message: ChatMessage): number {
  const content = message.content;
  let chars = 0;
  if (typeof content === 'string') chars = content.length;
  else if (Array.isArray(content)) for (const part of content) chars += typeof part['text'] === 'string' ? part['text'].length : 0;
  if (message.role === 'assistant' && message.tool_calls) for (const call of message.tool_calls) chars += call.function.name.length + call.function.arguments.length;
  return chars;
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
