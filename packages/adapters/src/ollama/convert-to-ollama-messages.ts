import type { ChatMessage, MessageContent, ProviderWarning } from '@refract/core';
import { isRecord, type LoadedImage } from '../shared';

/** One message of Ollama's `/api/chat`. */
export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  images?: string[];
  thinking?: string;
  tool_calls?: { id?: string; function: { name: string; arguments: Record<string, unknown> } }[];
  tool_name?: string;
  tool_call_id?: string;
}

export interface MessageContext {
  /** Loads an `image_url` as base64 (decodes data URLs, fetches or refuses http URLs). */
  loadImage: (url: string, path: string) => Promise<LoadedImage>;
  warnings: ProviderWarning[];
}

/**
 * Canonical messages → Ollama messages:
 * - `system` and `developer` → `system`; text parts are joined with newlines;
 * - user images (data URLs, or fetched http URLs) → the message's base64 `images`;
 * - assistant `tool_calls` → Ollama `tool_calls` with object arguments (ids kept for newer
 *   servers), `reasoning_content` → `thinking`;
 * - `tool` results → `role: tool` with `tool_name` found through the assistant call with the
 *   same id, and `tool_call_id`; the legacy `function` role likewise.
 * Content Ollama cannot take (audio, files, images outside user messages) produces a warning.
 */
export async function toOllamaMessages(messages: ChatMessage[], context: MessageContext): Promise<OllamaMessage[]> {
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) toolNames.set(call.id, call.function.name);
  }
  const out: OllamaMessage[] = [];
  for (const [position, message] of messages.entries()) {
    const path = `messages.${position}`;
    switch (message.role) {
      case 'system':
      case 'developer':
        out.push({ role: 'system', content: (await readContent(message.content, path, context, false)).text });
        break;
      case 'user': {
        const { text, images } = await readContent(message.content, path, context, true);
        out.push({ role: 'user', content: text, ...(images.length > 0 ? { images } : {}) });
        break;
      }
      case 'assistant':
        out.push(await assistantMessage(message, path, context));
        break;
      case 'tool': {
        const name = toolNames.get(message.tool_call_id);
        if (name === undefined) {
          context.warnings.push({
            type: 'other',
            parameter: `${path}.tool_call_id`,
            message: `no assistant tool call has id ${message.tool_call_id}: the result is sent without tool_name`,
          });
        }
        const { text } = await readContent(message.content, path, context, false);
        out.push({ role: 'tool', content: text, ...(name !== undefined ? { tool_name: name } : {}), tool_call_id: message.tool_call_id });
        break;
      }
      case 'function':
        out.push({ role: 'tool', content: message.content ?? '', tool_name: message.name });
        break;
    }
  }
  return out;
}

async function assistantMessage(message: Extract<ChatMessage, { role: 'assistant' }>, path: string, context: MessageContext): Promise<OllamaMessage> {
  const text = message.content === null || message.content === undefined ? '' : (await readContent(message.content, path, context, false)).text;
  const toolCalls = (message.tool_calls ?? []).map((call, index) => ({
    id: call.id,
    function: { name: call.function.name, arguments: parseArguments(call.function.arguments, `${path}.tool_calls.${index}.function.arguments`, context) },
  }));
  const reasoning = message.reasoning_content;
  return {
    role: 'assistant',
    content: text,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(typeof reasoning === 'string' && reasoning !== '' ? { thinking: reasoning } : {}),
  };
}

/** Ollama wants tool arguments as a JSON object, not a string. */
function parseArguments(raw: string, path: string, context: MessageContext): Record<string, unknown> {
  try {
    const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
    if (isRecord(parsed)) return parsed;
  } catch {
    // reported below
  }
  context.warnings.push({ type: 'parameter-changed', parameter: path, message: 'tool call arguments are not a JSON object; Ollama needs one, so {} was sent' });
  return {};
}

async function readContent(content: MessageContent, path: string, context: MessageContext, imagesAllowed: boolean): Promise<{ text: string; images: string[] }> {
  if (typeof content === 'string') return { text: content, images: [] };
  const texts: string[] = [];
  const images: string[] = [];
  for (const [index, part] of content.entries()) {
    const partPath = `${path}.content.${index}`;
    if (part.type === 'text' && typeof part['text'] === 'string') {
      texts.push(part['text']);
    } else if (part.type === 'image_url' && imagesAllowed) {
      const imageUrl = part['image_url'] as { url: string };
      images.push((await context.loadImage(imageUrl.url, partPath)).base64);
    } else {
      context.warnings.push({
        type: 'unsupported-parameter',
        parameter: partPath,
        message: `Ollama cannot take a ${part.type} part ${part.type === 'image_url' ? 'outside a user message' : 'in a message'}; it was not sent`,
      });
    }
  }
  return { text: texts.join('\n'), images };
}
