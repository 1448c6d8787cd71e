import type { ChatMessage } from '../spec/chat-request';
import { isGenuineUserMessage } from '../signals/message-text';
import { countMessageTokens } from '../tokenizer/count-chat-tokens';
import type { Tokenizer } from '../tokenizer/tokenizer';

export const TRUNCATION_NOTE_PREFIX = '[Context truncated]';

export interface TruncationResult {
  messages: ChatMessage[];
  /** Messages removed (the note is not counted). */
  dropped: number;
  tokens: number;
}

/**
 * Drops the oldest turns until the messages fit `budgetTokens`, keeping:
 * - every system/developer message (earlier truncation notes are replaced by one new note);
 * - tool calls together with their results: an assistant message with `tool_calls` and the
 *   `tool` messages answering it go or stay as one unit (never an orphaned call or result);
 * - the last message and the last message a person wrote.
 * A system note saying how many messages were removed is inserted after the system messages.
 * Returns undefined when even the kept minimum does not fit.
 *
 * @example
 * truncateMessages(messages, 8000, heuristicTokenizer)?.dropped;
 */
export function truncateMessages(messages: readonly ChatMessage[], budgetTokens: number, tokenizer: Tokenizer): TruncationResult | undefined {
  const system: ChatMessage[] = [];
  const rest: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') {
      if (!(typeof message.content === 'string' && message.content.startsWith(TRUNCATION_NOTE_PREFIX))) system.push(message);
    } else {
      rest.push(message);
    }
  }
  const units = groupUnits(rest);
  const cost = units.map((unit) => unit.reduce((sum, message) => sum + countMessageTokens(message, tokenizer), 0));
  const systemTokens = system.reduce((sum, message) => sum + countMessageTokens(message, tokenizer), 0);
  const noteTokens = 40;
  let total = systemTokens + cost.reduce((a, b) => a + b, 0) + 3;
  if (total <= budgetTokens) return { messages: [...messages], dropped: 0, tokens: total };

  const protectedUnits = new Set<number>([units.length - 1]);
  for (let index = units.length - 1; index >= 0; index -= 1) {
    if (units[index]?.some(isGenuineUserMessage)) {
      protectedUnits.add(index);
      break;
    }
  }
  const keep = units.map(() => true);
  total += noteTokens;
  let dropped = 0;
  for (let index = 0; index < units.length && total > budgetTokens; index += 1) {
    if (protectedUnits.has(index)) continue;
    keep[index] = false;
    total -= cost[index] ?? 0;
    dropped += units[index]?.length ?? 0;
  }
  if (total > budgetTokens) return undefined;
  const note: ChatMessage = {
    role: 'system',
    content: `${TRUNCATION_NOTE_PREFIX} ${dropped} earlier message(s) were removed to fit the model's context window; only the most recent turns remain.`,
  };
  const kept = units.filter((_, index) => keep[index]).flat();
  return { messages: [...system, note, ...kept], dropped, tokens: total };
}

/** Groups messages so an assistant tool call and the tool results answering it stay together. */
function groupUnits(messages: readonly ChatMessage[]): ChatMessage[][] {
  const units: ChatMessage[][] = [];
  let index = 0;
  while (index < messages.length) {
    const message = messages[index] as ChatMessage;
    const unit: ChatMessage[] = [message];
    index += 1;
    if (message.role === 'assistant' && message.tool_calls && message.tool_calls.length > 0) {
      const ids = new Set(message.tool_calls.map((call) => call.id));
      while (index < messages.length) {
        const next = messages[index] as ChatMessage;
        if (next.role === 'tool' && ids.has(next.tool_call_id)) {
          unit.push(next);
          index += 1;
        } else {
          break;
        }
      }
    }
    units.push(unit);
  }
  return units;
}
