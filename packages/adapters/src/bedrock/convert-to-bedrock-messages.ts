import type { ChatMessage, MessageContent } from '@refract/core';
import type { BedrockContentBlock, BedrockConverseRequest, BedrockMessage, BedrockToolResultContent } from './bedrock-api-types';
import { convertContent, type ContentContext } from './bedrock-content';
import { unsupported } from './bedrock-images';
import type { ToolNameMap } from './bedrock-tool-names';

export interface MessageContext extends ContentContext {
  names: ToolNameMap;
}

export interface ConvertedMessages {
  system: NonNullable<BedrockConverseRequest['system']>;
  messages: BedrockMessage[];
  /** The caller's names of tools called in the history. */
  historyToolNames: Set<string>;
}

/** Sent as the first user turn when a conversation starts with the assistant (Bedrock requires a user turn first). */
export const LEADING_USER_PLACEHOLDER = '.';
/** Sent for a tool result with no content (Bedrock rejects blank text). */
export const EMPTY_TOOL_RESULT = '(no output)';

/**
 * OpenAI messages → Bedrock `system` blocks and alternating user/assistant messages:
 * system/developer → `system`; assistant `tool_calls` → `toolUse` (ids kept); `tool` messages →
 * `toolResult` in a user turn (ids kept; a JSON object stays JSON, anything else is text);
 * consecutive same-role turns merged, tool results first; a leading assistant turn gets a
 * placeholder user turn before it. Every change Bedrock forces is reported as a warning.
 */
export async function convertMessages(messages: readonly ChatMessage[], context: MessageContext): Promise<ConvertedMessages> {
  const { warnings, names } = context;
  const system: ConvertedMessages['system'] = [];
  const historyToolNames = new Set<string>();
  const turns: { role: 'user' | 'assistant'; content: BedrockContentBlock[]; parameter: string }[] = [];
  let conversationStarted = false;

  for (const [index, message] of messages.entries()) {
    const parameter = `messages.${index}`;
    if (message.role !== 'function' && typeof message.name === 'string' && message.name !== '') {
      warnings.push({ type: 'unsupported-parameter', parameter: `${parameter}.name`, message: 'Bedrock messages have no participant name; it was not sent.' });
    }
    switch (message.role) {
      case 'system':
      case 'developer': {
        if (conversationStarted) {
          warnings.push({ type: 'parameter-changed', parameter, message: 'Bedrock takes one system prompt; this later system message was moved into it.' });
        }
        for (const block of await convertContent(message.content, `${parameter}.content`, context)) {
          if (block.text !== undefined) system.push({ text: block.text });
          else if (block.cachePoint !== undefined) system.push({ cachePoint: block.cachePoint });
          else throw unsupported(`${parameter}.content`, 'system messages can only hold text on Bedrock');
        }
        break;
      }
      case 'user':
        conversationStarted = true;
        turns.push({ role: 'user', content: await convertContent(message.content, `${parameter}.content`, context), parameter });
        break;
      case 'assistant': {
        conversationStarted = true;
        const content = await convertContent(message.content ?? null, `${parameter}.content`, context);
        if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '') {
          warnings.push({
            type: 'other',
            parameter: `${parameter}.reasoning_content`,
            message: 'earlier reasoning is not sent back to Bedrock: it needs the provider signature, which OpenAI-shaped history does not carry.',
          });
        }
        for (const [callIndex, call] of (message.tool_calls ?? []).entries()) {
          historyToolNames.add(call.function.name);
          content.push({
            toolUse: {
              toolUseId: call.id,
              name: names.toBedrock(call.function.name),
              input: parseArguments(call.function.arguments, `${parameter}.tool_calls.${callIndex}.function.arguments`, context),
            },
          });
        }
        turns.push({ role: 'assistant', content, parameter });
        break;
      }
      case 'tool':
        conversationStarted = true;
        turns.push({ role: 'user', content: await toolResult(message.tool_call_id, message.content, parameter, context), parameter });
        break;
      case 'function':
        throw unsupported(parameter, "the legacy 'function' role carries no tool call id; send 'tool' messages with tool_call_id instead");
    }
  }

  const merged: BedrockMessage[] = [];
  for (const turn of turns) {
    if (!turn.content.some((block) => block.cachePoint === undefined)) {
      warnings.push({ type: 'parameter-changed', parameter: turn.parameter, message: 'the message has no content Bedrock accepts (empty or blank) and was left out.' });
      continue;
    }
    const last = merged.at(-1);
    if (last?.role === turn.role) last.content.push(...turn.content);
    else merged.push({ role: turn.role, content: [...turn.content] });
  }
  for (const message of merged) {
    if (message.role === 'user') message.content = toolResultsFirst(message.content);
  }
  if (merged.length === 0) {
    throw unsupported('messages', 'Bedrock needs at least one user or assistant message besides the system prompt');
  }
  if (merged[0]?.role === 'assistant') {
    merged.unshift({ role: 'user', content: [{ text: LEADING_USER_PLACEHOLDER }] });
    warnings.push({ type: 'parameter-changed', parameter: 'messages', message: `Bedrock needs a user message first; a '${LEADING_USER_PLACEHOLDER}' user message was inserted.` });
  }
  return { system, messages: merged, historyToolNames };
}

async function toolResult(toolUseId: string, content: MessageContent, parameter: string, context: MessageContext): Promise<BedrockContentBlock[]> {
  const blocks: BedrockContentBlock[] = [];
  const result: BedrockToolResultContent[] = [];
  let cache = false;
  if (typeof content === 'string') {
    const json = parseJsonObject(content);
    if (json !== undefined) result.push({ json });
    else if (content.trim() !== '') result.push({ text: content });
  } else {
    for (const block of await convertContent(content, `${parameter}.content`, context)) {
      if (block.text !== undefined) result.push({ text: block.text });
      else if (block.image !== undefined) result.push({ image: block.image });
      else if (block.document !== undefined) result.push({ document: block.document });
      else if (block.cachePoint !== undefined) cache = true;
    }
  }
  if (result.length === 0) {
    result.push({ text: EMPTY_TOOL_RESULT });
    context.warnings.push({ type: 'parameter-changed', parameter: `${parameter}.content`, message: `the tool result is empty; Bedrock rejects blank text, so '${EMPTY_TOOL_RESULT}' was sent.` });
  }
  blocks.push({ toolResult: { toolUseId, content: result } });
  if (cache) blocks.push({ cachePoint: { type: 'default' } });
  return blocks;
}

function parseArguments(text: string, parameter: string, context: MessageContext): unknown {
  if (text.trim() === '') return {};
  const parsed = parseJsonObject(text);
  if (parsed !== undefined) return parsed;
  context.warnings.push({ type: 'parameter-changed', parameter, message: 'the tool call arguments are not a JSON object, which Bedrock requires; {} was sent instead.' });
  return {};
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Bedrock (Anthropic models in particular) wants tool results before other blocks of a user turn. */
function toolResultsFirst(content: BedrockContentBlock[]): BedrockContentBlock[] {
  const firstOther = content.findIndex((block) => block.toolResult === undefined && block.cachePoint === undefined);
  const lastResult = content.findLastIndex((block) => block.toolResult !== undefined);
  if (firstOther < 0 || lastResult < firstOther) return content;
  const results: BedrockContentBlock[] = [];
  const others: BedrockContentBlock[] = [];
  for (const [index, block] of content.entries()) {
    const isResult = block.toolResult !== undefined || (block.cachePoint !== undefined && content[index - 1]?.toolResult !== undefined);
    (isResult ? results : others).push(block);
  }
  return [...results, ...others];
}
