import type { ChatMessage } from '../spec/chat-request';
import { isToolOutputText, isToolResultMessage, textOf } from './message-text';
import { anchored, testAnchored, type AnchoredPattern, type TextIndex } from './text-index';

const AGENT_PROMPT_PATTERNS: readonly AnchoredPattern[] = [
  anchored(/\bfile\s+search\s+specialist\b/i, { words: ['specialist'] }),
  anchored(/\bcode\s+(?:editor|editing)\s+(?:ai|assistant|agent)\b/i, { words: ['editor', 'editing'] }),
  anchored(/\bsoftware\s+engineer(?:ing)?\s+(?:ai|assistant|agent)\b/i, { words: ['software'] }),
  anchored(/\bagentic\s+(?:coding|development)\b/i, { words: ['agentic'] }),
  anchored(/\b(?:coding|autonomous|ai)\s+agent\b/i, { words: ['agent'] }),
  anchored(/\bin\s+agent\s+mode\b/i, { words: ['mode'] }),
  anchored(/<tool_use_instructions>/i, { words: ['tool_use_instructions'], symbols: '<>' }),
  anchored(/\bTOOL_NAME:\s*(?:read_file|create_new_file|run_terminal_command)/, { words: ['tool_name'], symbols: ':' }),
  anchored(/\byou\s+have\s+access\s+to\s+(?:the\s+following\s+|a\s+set\s+of\s+)?tools\b/i, { words: ['tools'] }),
];

/**
 * An agent loop: the history holds tool calls or tool results, or the system prompt describes a
 * tool-using agent.
 */
export function detectToolAgent(messages: readonly ChatMessage[], system: TextIndex): boolean {
  for (const message of messages) {
    if (isToolResultMessage(message)) return true;
    if (message.role === 'assistant' && message.tool_calls && message.tool_calls.length > 0) return true;
  }
  return AGENT_PROMPT_PATTERNS.some((entry) => testAnchored(entry, system));
}

/** The conversation continues after a tool result rather than after a person's message. */
export function detectToolOutputContinuation(messages: readonly ChatMessage[]): boolean {
  const last = messages[messages.length - 1];
  if (!last) return false;
  if (isToolResultMessage(last)) return true;
  if (last.role === 'user') {
    if ('tool_call_id' in last && last['tool_call_id'] !== undefined) return true;
    return isToolOutputText(textOf(last.content));
  }
  return false;
}
