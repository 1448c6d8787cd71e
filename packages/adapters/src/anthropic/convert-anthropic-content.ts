import type { MessageContent } from '@refract/core';
import type {
  AnthropicCacheControl,
  AnthropicContentBlockParam,
  AnthropicImageBlockParam,
  AnthropicTextBlockParam,
} from './anthropic-api-types';
import { filePartToBlock, imageUrlToBlock, unsupported } from './convert-anthropic-media';

type PartRecord = Record<string, unknown>;

const TEXT_PART_TYPES = new Set(['text', 'input_text', 'output_text']);

/** The caller's `cache_control`, kept as is when it is an object. */
export function cacheControlOf(value: unknown): AnthropicCacheControl | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as AnthropicCacheControl) : undefined;
}

/** Puts a message-level `cache_control` on the message's last block (where Anthropic reads it). */
export function applyMessageCacheControl(blocks: AnthropicContentBlockParam[], message: PartRecord): void {
  const cacheControl = cacheControlOf(message['cache_control']);
  const last = blocks[blocks.length - 1];
  if (cacheControl && last && last.type !== 'thinking' && last.type !== 'redacted_thinking') last.cache_control = cacheControl;
}

function textBlock(text: string, part?: PartRecord): AnthropicTextBlockParam {
  const cacheControl = cacheControlOf(part?.['cache_control']);
  return cacheControl ? { type: 'text', text, cache_control: cacheControl } : { type: 'text', text };
}

function partsOf(content: MessageContent | null | undefined): PartRecord[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content as PartRecord[];
}

function textOf(part: PartRecord): string | undefined {
  const type = part['type'];
  if (typeof type === 'string' && TEXT_PART_TYPES.has(type) && typeof part['text'] === 'string') return part['text'];
  if (type === 'refusal' && typeof part['refusal'] === 'string') return part['refusal'];
  return undefined;
}

/** Native Anthropic image/document blocks a caller may already send (kept as they are). */
function nativeBlock(part: PartRecord): AnthropicContentBlockParam | undefined {
  const type = part['type'];
  if ((type === 'image' || type === 'document') && part['source'] && typeof part['source'] === 'object') {
    return part as unknown as AnthropicContentBlockParam;
  }
  return undefined;
}

/**
 * User (and tool-result) content as Anthropic blocks: text keeps `cache_control`, images and PDFs
 * become image/document blocks. Empty text is skipped (Anthropic rejects empty text blocks).
 * Content Anthropic cannot take (audio, OpenAI file ids, unknown part types) is refused with a
 * clear error: dropping what the user sent would change the question.
 */
export function userContentBlocks(content: MessageContent, path: string): AnthropicContentBlockParam[] {
  const blocks: AnthropicContentBlockParam[] = [];
  partsOf(content).forEach((part, index) => {
    const partPath = typeof content === 'string' ? path : `${path}.${index}`;
    const text = textOf(part);
    if (text !== undefined) {
      if (text !== '') blocks.push(textBlock(text, part));
      return;
    }
    const block = mediaBlock(part, partPath) ?? nativeBlock(part);
    if (!block) throw unsupported(partPath, `is a content part of type ${JSON.stringify(part['type'])}, which Anthropic does not accept`);
    blocks.push(block);
  });
  return blocks;
}

function mediaBlock(part: PartRecord, path: string): AnthropicContentBlockParam | undefined {
  if (part['type'] === 'image_url') {
    const imageUrl = part['image_url'] as PartRecord;
    const block = imageUrlToBlock(String(imageUrl['url']), `${path}.image_url.url`);
    const cacheControl = cacheControlOf(part['cache_control']);
    return cacheControl ? { ...block, cache_control: cacheControl } : block;
  }
  if (part['type'] === 'file') return filePartToBlock(part['file'], path);
  return undefined;
}

/** Text-only content (system prompts): every part must be text. */
export function systemTextBlocks(content: MessageContent, path: string): AnthropicTextBlockParam[] {
  const blocks: AnthropicTextBlockParam[] = [];
  partsOf(content).forEach((part, index) => {
    const text = textOf(part);
    if (text === undefined) {
      throw unsupported(`${path}.${index}`, `is a ${JSON.stringify(part['type'])} part in a system prompt; Anthropic system prompts hold text only`);
    }
    if (text !== '') blocks.push(textBlock(text, part));
  });
  return blocks;
}

/** Assistant content: text only (plus refusal text), as text blocks. */
export function assistantTextBlocks(content: MessageContent | null | undefined, path: string): AnthropicTextBlockParam[] {
  return systemTextBlocks(content ?? '', path);
}

/**
 * A `tool` message's content for a `tool_result` block: a plain string stays a string; parts
 * become text and image blocks.
 */
export function toolResultContent(content: MessageContent, path: string): string | (AnthropicTextBlockParam | AnthropicImageBlockParam)[] {
  if (typeof content === 'string') return content;
  const blocks = userContentBlocks(content, path);
  return blocks.map((block, index) => {
    if (block.type !== 'text' && block.type !== 'image') {
      throw unsupported(`${path}.${index}`, `is a ${block.type} block; Anthropic tool results hold text and images only`);
    }
    return block;
  });
}
