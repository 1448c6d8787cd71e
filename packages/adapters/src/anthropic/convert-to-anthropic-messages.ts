import { RefractValidationError, type ChatMessage, type ToolCall } from '@refract/core';
import type {
  AnthropicContentBlockParam,
  AnthropicMessageParam,
  AnthropicRedactedThinkingBlockParam,
  AnthropicTextBlockParam,
  AnthropicThinkingBlockParam,
  AnthropicToolUseBlockParam,
} from './anthropic-api-types';
import type { WarningCollector } from './anthropic-warnings';
import {
  applyMessageCacheControl,
  assistantTextBlocks,
  systemTextBlocks,
  toolResultContent,
  userContentBlocks,
} from './convert-anthropic-content';
import { unsupported } from './convert-anthropic-media';

export interface AnthropicPrompt {
  /** Top-level `system` blocks, in the order the system/developer messages came. */
  system: AnthropicTextBlockParam[];
  /** Alternating user/assistant turns (consecutive same-role messages merged). */
  messages: AnthropicMessageParam[];
}

/**
 * Converts OpenAI chat messages to an Anthropic prompt:
 * - `system` and `developer` messages → top-level `system` text blocks (`cache_control` kept);
 * - `user` content → text, image and document blocks;
 * - assistant `tool_calls` → `tool_use` blocks (arguments parsed; malformed JSON is an error),
 *   `thinking_blocks` → thinking blocks first, so signed reasoning survives the round trip;
 * - `tool` messages → `tool_result` blocks in a user turn, in order, ids kept;
 * - consecutive messages with the same role → one turn, tool results first.
 */
export function convertToAnthropicMessages(messages: readonly ChatMessage[], warnings: WarningCollector): AnthropicPrompt {
  const system: AnthropicTextBlockParam[] = [];
  const turns: AnthropicMessageParam[] = [];
  let conversationStarted = false;

  const push = (role: 'user' | 'assistant', blocks: AnthropicContentBlockParam[]): void => {
    if (blocks.length === 0) return;
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };

  messages.forEach((message, index) => {
    const path = `messages.${index}`;
    const record = message as Record<string, unknown>;
    if (typeof record['name'] === 'string' && message.role !== 'function') {
      warnings.unsupported('messages.name', 'Anthropic has no per-message participant names; `name` was not sent');
    }
    switch (message.role) {
      case 'system':
      case 'developer': {
        if (conversationStarted) {
          warnings.changed(path, `a ${message.role} message inside the conversation was moved to Anthropic's top-level system prompt`);
        }
        const blocks = systemTextBlocks(message.content, `${path}.content`);
        applyMessageCacheControl(blocks, record);
        system.push(...blocks);
        return;
      }
      case 'user': {
        conversationStarted = true;
        const blocks = userContentBlocks(message.content, `${path}.content`);
        applyMessageCacheControl(blocks, record);
        push('user', blocks);
        return;
      }
      case 'assistant': {
        conversationStarted = true;
        const blocks: AnthropicContentBlockParam[] = [
          ...thinkingBlocks(record, path, warnings),
          ...assistantTextBlocks(message.content, `${path}.content`),
          ...(message.tool_calls ?? []).map((call, callIndex) => toolUseBlock(call, `${path}.tool_calls.${callIndex}`)),
        ];
        applyMessageCacheControl(blocks, record);
        push('assistant', blocks);
        return;
      }
      case 'tool': {
        conversationStarted = true;
        const block: AnthropicContentBlockParam = {
          type: 'tool_result',
          tool_use_id: message.tool_call_id,
          content: toolResultContent(message.content, `${path}.content`),
        };
        applyMessageCacheControl([block], record);
        push('user', [block]);
        return;
      }
      case 'function':
        throw unsupported(path, 'uses the legacy `function` role, which has no tool call id; send `tool` messages with tool_call_id instead');
    }
  });

  for (const [turnIndex, turn] of turns.entries()) {
    if (turn.role === 'user' && moveToolResultsFirst(turn)) {
      warnings.changed(
        'messages',
        `tool results in user turn ${turnIndex} were moved before the turn's other content, as Anthropic requires`,
      );
    }
  }
  return { system, messages: turns };
}

/** Parses tool-call arguments. Empty arguments mean no arguments; anything else must be a JSON object. */
export function parseToolArguments(text: string, path: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RefractValidationError('chat request', [
      { path, message: `tool call arguments are not valid JSON, so they cannot become an Anthropic tool_use input: ${text.slice(0, 120)}`, code: 'custom' },
    ]);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new RefractValidationError('chat request', [
      { path, message: 'tool call arguments must be a JSON object (Anthropic tool_use input is an object)', code: 'custom' },
    ]);
  }
  return value as Record<string, unknown>;
}

function toolUseBlock(call: ToolCall, path: string): AnthropicToolUseBlockParam {
  return { type: 'tool_use', id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments, `${path}.function.arguments`) };
}

/** `thinking_blocks` on an assistant message (as this adapter returns them) → signed thinking blocks. */
function thinkingBlocks(
  record: Record<string, unknown>,
  path: string,
  warnings: WarningCollector,
): (AnthropicThinkingBlockParam | AnthropicRedactedThinkingBlockParam)[] {
  const raw = record['thinking_blocks'];
  const out: (AnthropicThinkingBlockParam | AnthropicRedactedThinkingBlockParam)[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((item: unknown, index) => {
      const block = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      if (block['type'] === 'thinking' && typeof block['thinking'] === 'string' && typeof block['signature'] === 'string') {
        out.push({ type: 'thinking', thinking: block['thinking'], signature: block['signature'] });
      } else if (block['type'] === 'redacted_thinking' && typeof block['data'] === 'string') {
        out.push({ type: 'redacted_thinking', data: block['data'] });
      } else {
        warnings.changed(`${path}.thinking_blocks.${index}`, 'not a thinking block with a signature or a redacted_thinking block; not sent');
      }
    });
  }
  const reasoning = record['reasoning_content'];
  if (out.length === 0 && typeof reasoning === 'string' && reasoning !== '') {
    warnings.unsupported(
      'messages.reasoning_content',
      'assistant reasoning_content without thinking_blocks (and their signatures) cannot be sent back to Anthropic; it was not sent',
    );
  }
  return out;
}

/** Anthropic wants tool_result blocks at the start of a user turn. Returns whether any moved. */
function moveToolResultsFirst(turn: AnthropicMessageParam): boolean {
  const results = turn.content.filter((block) => block.type === 'tool_result');
  if (results.length === 0) return false;
  const others = turn.content.filter((block) => block.type !== 'tool_result');
  const reordered = [...results, ...others];
  const moved = reordered.some((block, index) => block !== turn.content[index]);
  turn.content = reordered;
  return moved;
}

/**
 * Whether the last assistant turn calls tools without starting with a thinking block. Anthropic
 * rejects such a conversation when thinking is enabled, so the caller turns thinking off.
 */
export function lastAssistantLacksThinking(messages: readonly AnthropicMessageParam[]): boolean {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const turn = messages[index];
    if (turn?.role !== 'assistant') continue;
    const first = turn.content[0];
    const usesTools = turn.content.some((block) => block.type === 'tool_use');
    return usesTools && first?.type !== 'thinking' && first?.type !== 'redacted_thinking';
  }
  return false;
}
