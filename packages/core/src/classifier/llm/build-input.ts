import { detectCodeLanguages } from '../../signals/code-languages';
import { summarizeSignals } from '../../signals/extract-signals';
import { isGenuineUserMessage, isToolResultMessage, textOf } from '../../signals/message-text';
import { TextIndex } from '../../signals/text-index';
import type { ChatMessage } from '../../spec/chat-request';
import type { Tokenizer } from '../../tokenizer/tokenizer';
import type { ClassifierInput } from '../classifier';
import { headAndTail, normalizeText } from './normalize-text';

/** What of the conversation the classifier model sees. */
export type InputStrategy = 'metadata_only' | 'truncate' | 'summary';

const RECENT_MESSAGES = 6;
const SUMMARY_LINES = 12;

/**
 * The classifier's user message for one request, within `budget` tokens (by `tokenizer`):
 * - `metadata_only`: the signals line alone;
 * - `truncate`: the head and tail of the system prompt and of the last six messages, the newest
 *   getting the largest share;
 * - `summary`: the last message a person wrote in full (up to the budget), every other message
 *   as one line of its signals (role, size, tool names, code languages), no model call.
 * Every strategy ends with the signals line and, when a system-prompt role matched, a hint to
 * judge the user's request rather than the application's system prompt.
 *
 * @example
 * const user = buildUserContent(input, 'summary', 2000, heuristicTokenizer); // what the model would see
 */
export function buildUserContent(input: ClassifierInput, strategy: InputStrategy, budget: number, tokenizer: Tokenizer): string {
  const fit = (text: string, max: number): string => fitTokens(text, max, tokenizer);
  const role = input.preRoute.matches.find((match) => match.kind === 'system_prompt_role');
  const tail = [`[signals] ${summarizeSignals(input.signals)}`];
  if (role) tail.push(`[hint] The system prompt marks a "${role.name}" application: classify what the user asks, not the system prompt.`);
  const tailText = fit(tail.join('\n'), Math.max(0, budget));
  let remaining = budget - tokenizer.count(tailText) - 2;
  if (strategy === 'metadata_only' || remaining < 16) return tailText;

  const messages = input.request.messages;
  const system = normalizeText(messages.filter((message) => message.role === 'system' || message.role === 'developer').map((message) => textOf(message.content)).join('\n'));
  const conversation = messages.filter((message) => message.role !== 'system' && message.role !== 'developer');
  const parts: string[] = [];
  const systemShare = Math.min(Math.floor(remaining * (strategy === 'summary' ? 0.1 : 0.15)), 400);
  if (system !== '' && systemShare >= 16) {
    const text = fit(`[system] ${system}`, systemShare);
    parts.push(text);
    remaining -= tokenizer.count(text) + 1;
  }

  if (strategy === 'truncate') {
    const recent: string[] = [];
    const window = conversation.slice(-RECENT_MESSAGES);
    for (let index = window.length - 1; index >= 0 && remaining >= 24; index -= 1) {
      const message = window[index] as ChatMessage;
      const share = Math.floor(remaining * (index === window.length - 1 ? 0.6 : 0.5));
      const text = fit(`[${roleLabel(message)}] ${normalizeText(messageText(message))}`, index === 0 ? remaining : share);
      if (text === '') continue;
      recent.unshift(text);
      remaining -= tokenizer.count(text) + 1;
    }
    return [...parts, ...recent, tailText].join('\n');
  }

  let last = -1;
  for (let index = conversation.length - 1; index >= 0; index -= 1) {
    if (isGenuineUserMessage(conversation[index] as ChatMessage)) {
      last = index;
      break;
    }
  }
  if (last < 0) last = conversation.length - 1;
  const toolNames = new Map<string, string>();
  for (const message of conversation) {
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) toolNames.set(call.id, call.function.name);
  }
  const summaryLines = conversation.map((message, index) => (index === last ? '' : summaryLine(message, tokenizer, index > last, toolNames)));
  const others = summaryLines.filter((line) => line !== '');
  const shown = others.slice(-SUMMARY_LINES);
  const summary: string[] = [];
  if (others.length > 0) {
    summary.push(`[conversation] ${others.length} other message(s)${others.length > shown.length ? `, the oldest ${others.length - shown.length} not listed` : ''}:`);
    summary.push(...shown);
  }
  const summaryText = summary.length > 0 ? fitLines(summary, Math.floor(remaining * 0.3), tokenizer) : '';
  if (summaryText !== '') {
    parts.push(summaryText);
    remaining -= tokenizer.count(summaryText) + 1;
  }
  const lastMessage = conversation[last];
  if (lastMessage && remaining >= 16) {
    const text = fit(`[last user message] ${normalizeText(messageText(lastMessage))}`, remaining);
    if (text !== '') parts.push(text);
  }
  return [...parts, tailText].join('\n');
}

/** Cuts `text` (head and tail) until the tokenizer counts at most `max` tokens; '' when even that fails. */
export function fitTokens(text: string, max: number, tokenizer: Tokenizer): string {
  if (max <= 0) return '';
  const count = tokenizer.count(text);
  if (count <= max) return text;
  let target = max;
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const cut = headAndTail(text, target, count);
    const cutCount = tokenizer.count(cut);
    if (cutCount <= max) return cut;
    target = Math.floor(target * (max / cutCount) * 0.95);
    if (target <= 0) break;
  }
  return '';
}

function fitLines(lines: readonly string[], max: number, tokenizer: Tokenizer): string {
  const kept = [...lines];
  // Drop the oldest listed messages (keeping the header) until the summary fits.
  while (kept.length > 1 && tokenizer.count(kept.join('\n')) > max) kept.splice(1, 1);
  return kept.length > 1 ? kept.join('\n') : fitTokens(kept.join('\n'), max, tokenizer);
}

function roleLabel(message: ChatMessage): string {
  if (isToolResultMessage(message)) return 'tool output';
  return message.role;
}

function messageText(message: ChatMessage): string {
  const text = textOf(message.content);
  if (message.role === 'assistant' && message.tool_calls && message.tool_calls.length > 0) {
    const calls = message.tool_calls.map((call) => `${call.function.name}(${call.function.arguments.slice(0, 200)})`).join(', ');
    return `${text}${text ? '\n' : ''}[tool calls: ${calls}]`;
  }
  return text;
}

/** One message as its signals: role, size, tool names, code languages; a person's short preview. */
function summaryLine(message: ChatMessage, tokenizer: Tokenizer, afterLastUser: boolean, toolNames: ReadonlyMap<string, string>): string {
  const text = textOf(message.content);
  const size = text.length <= 8000 ? tokenizer.count(text) : Math.round(text.length / 4);
  const toolName = message.role === 'tool' ? toolNames.get(message.tool_call_id) : 'name' in message && typeof message.name === 'string' ? message.name : undefined;
  const details = [`${roleLabel(message)}${toolName ? ` ${toolName}` : ''}`, `≈${size} tokens`];
  if (message.role === 'assistant' && message.tool_calls && message.tool_calls.length > 0) {
    details.push(`tool calls: ${[...new Set(message.tool_calls.map((call) => call.function.name))].join(', ')}`);
  }
  const languages = text === '' ? [] : detectCodeLanguages(new TextIndex(text.slice(0, 2000)));
  if (languages.length > 0) details.push(`code: ${languages.join(', ')}`);
  if (afterLastUser) details.push('after the last user message');
  const preview = message.role === 'user' && isGenuineUserMessage(message) ? `: "${normalizeText(text).slice(0, 80)}${text.length > 80 ? '…' : ''}"` : '';
  return `- ${details.join(', ')}${preview}`;
}
