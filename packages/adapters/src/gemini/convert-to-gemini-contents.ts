import { RefractValidationError, type AssistantMessage, type ChatMessage, type ProviderWarning } from '@refract/core';
import { convertContentParts, textOnly, type ImageResolver } from './convert-content-parts';
import type { GeminiContent, GeminiPart } from './gemini-api-types';
import { PLACEHOLDER_THOUGHT_SIGNATURE, readThoughtSignature } from './thought-signature';
import { toFunctionResponse } from './to-function-response';

export interface ContentsConversion {
  systemInstruction?: { parts: GeminiPart[] };
  contents: GeminiContent[];
  warnings: ProviderWarning[];
}

export interface ContentsOptions {
  resolveImage: ImageResolver;
  /** Gemini 3: a function call of the current turn without a signature gets Google's placeholder. */
  requireSignatures: boolean;
}

interface CallOrigin {
  name: string;
  /** Position of the call in the conversation, to put function responses in call order. */
  order: number;
}

/**
 * Converts chat messages to Gemini `systemInstruction` and `contents`: system/developer →
 * `systemInstruction`; user → `user`; assistant → `model` (text, then `functionCall` parts with
 * parsed arguments and their thought signatures); tool and function results → `functionResponse`
 * parts of a `user` turn, named after the call they answer and ordered like the calls. Consecutive
 * turns of the same role are merged. `reasoning_content` is not sent back (the thought signature
 * carries the model's reasoning state).
 */
export async function convertToGeminiContents(messages: readonly ChatMessage[], options: ContentsOptions): Promise<ContentsConversion> {
  const warnings: ProviderWarning[] = [];
  const calls = indexToolCalls(messages);
  const currentTurnStart = messages.reduce((last, message, index) => (message.role === 'user' ? index : last), -1) + 1;
  const systemParts: GeminiPart[] = [];
  const turns: { role: GeminiContent['role']; parts: GeminiPart[]; order: number[] }[] = [];
  let seenConversation = false;

  const push = (role: GeminiContent['role'], parts: GeminiPart[], order: number[] = []): void => {
    const last = turns.at(-1);
    if (last && last.role === role) {
      last.parts.push(...parts);
      last.order.push(...order);
    } else {
      turns.push({ role, parts: [...parts], order: [...order] });
    }
  };

  for (const [index, message] of messages.entries()) {
    const path = `messages.${index}`;
    switch (message.role) {
      case 'system':
      case 'developer': {
        if (seenConversation) {
          warnings.push({ type: 'parameter-changed', parameter: path, message: `a ${message.role} message after the conversation started was moved into systemInstruction` });
        }
        const text = textOnly(message.content, `${path}.content`);
        if (text !== '') systemParts.push({ text });
        break;
      }
      case 'user': {
        seenConversation = true;
        const parts = await convertContentParts(message.content, `${path}.content`, options.resolveImage);
        if (parts.length === 0) warnings.push({ type: 'other', parameter: path, message: 'an empty user message was not sent (Gemini rejects empty turns)' });
        else push('user', parts);
        break;
      }
      case 'assistant': {
        seenConversation = true;
        const needsPlaceholder = options.requireSignatures && index >= currentTurnStart;
        const parts = await assistantParts(message, path, options.resolveImage, needsPlaceholder, warnings);
        if (parts.length === 0) warnings.push({ type: 'other', parameter: path, message: 'an empty assistant message was not sent (Gemini rejects empty turns)' });
        else push('model', parts);
        break;
      }
      case 'tool': {
        seenConversation = true;
        const origin = calls.get(message.tool_call_id);
        const name = origin?.name ?? (typeof message['name'] === 'string' ? message['name'] : undefined);
        if (name === undefined) {
          throw new RefractValidationError('chat request', [
            { path: `${path}.tool_call_id`, message: `no assistant tool call has the id ${JSON.stringify(message.tool_call_id)}; Gemini needs the function name`, code: 'custom' },
          ]);
        }
        const result = await toFunctionResponse(name, message.content, `${path}.content`, options.resolveImage);
        const order = origin?.order ?? Number.MAX_SAFE_INTEGER;
        push('user', result, result.map((part) => (part.functionResponse ? order : Number.MAX_SAFE_INTEGER)));
        break;
      }
      case 'function': {
        seenConversation = true;
        const result = await toFunctionResponse(message.name, message.content ?? '', `${path}.content`, options.resolveImage);
        push('user', result, result.map(() => Number.MAX_SAFE_INTEGER));
        break;
      }
    }
  }

  return {
    ...(systemParts.length > 0 ? { systemInstruction: { parts: systemParts } } : {}),
    contents: turns.map((turn) => ({ role: turn.role, parts: orderFunctionResponses(turn.parts, turn.order) })),
    warnings,
  };
}

async function assistantParts(
  message: AssistantMessage,
  path: string,
  resolveImage: ImageResolver,
  needsPlaceholder: boolean,
  warnings: ProviderWarning[],
): Promise<GeminiPart[]> {
  const parts = message.content ? await convertContentParts(message.content, `${path}.content`, resolveImage) : [];
  const messageSignature = readThoughtSignature(message);
  const lastPart = parts.at(-1);
  if (messageSignature && lastPart && !lastPart.thoughtSignature) lastPart.thoughtSignature = messageSignature;
  for (const [callIndex, call] of (message.tool_calls ?? []).entries()) {
    const part: GeminiPart = { functionCall: { name: call.function.name, args: parseArguments(call.function.arguments, `${path}.tool_calls.${callIndex}`, warnings) } };
    const signature = readThoughtSignature(call);
    if (signature) part.thoughtSignature = signature;
    else if (callIndex === 0 && needsPlaceholder) {
      part.thoughtSignature = PLACEHOLDER_THOUGHT_SIGNATURE;
      warnings.push({
        type: 'parameter-changed',
        parameter: `${path}.tool_calls.0.extra_content`,
        message: "this function call has no thought signature (extra_content.google.thought_signature); Google's placeholder was sent so Gemini 3 accepts it, without the model's thought context",
      });
    }
    parts.push(part);
  }
  return parts;
}

function parseArguments(raw: string, path: string, warnings: ProviderWarning[]): Record<string, unknown> {
  if (raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    warnings.push({ type: 'parameter-changed', parameter: `${path}.function.arguments`, message: 'arguments are not a JSON object; sent as {"value": …}' });
    return { value: parsed };
  } catch {
    warnings.push({ type: 'parameter-changed', parameter: `${path}.function.arguments`, message: 'arguments are not valid JSON; sent as {"raw_arguments": "…"}' });
    return { raw_arguments: raw };
  }
}

function indexToolCalls(messages: readonly ChatMessage[]): Map<string, CallOrigin> {
  const calls = new Map<string, CallOrigin>();
  let order = 0;
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) calls.set(call.id, { name: call.function.name, order: order++ });
  }
  return calls;
}

/** Sorts the function responses of a turn into the order of the calls they answer, leaving other parts in place. */
function orderFunctionResponses(parts: GeminiPart[], order: number[]): GeminiPart[] {
  const slots = parts.map((part, index) => (part.functionResponse ? index : -1)).filter((index) => index >= 0);
  if (slots.length < 2) return parts;
  const sorted = slots.map((slot) => ({ part: parts[slot] as GeminiPart, key: order[slot] ?? Number.MAX_SAFE_INTEGER })).sort((a, b) => a.key - b.key);
  const out = [...parts];
  slots.forEach((slot, position) => {
    out[slot] = (sorted[position] as { part: GeminiPart }).part;
  });
  return out;
}
