import { isRecord } from '../shared';

/** One piece of assistant output, in order. */
export interface ContentSegment {
  kind: 'text' | 'reasoning';
  text: string;
}

/**
 * Reads assistant `content` as OpenAI-compatible servers send it: a string, null, or an array
 * of parts. Mistral's reasoning models send `[{type:'thinking', thinking:[{type:'text', text}]},
 * {type:'text', text}]`; thinking parts become reasoning. Unknown part types are reported in
 * `unknownTypes` so the caller can warn instead of dropping them silently.
 */
export function readContentSegments(content: unknown): { segments: ContentSegment[]; unknownTypes: string[] } {
  if (typeof content === 'string') return { segments: content === '' ? [] : [{ kind: 'text', text: content }], unknownTypes: [] };
  if (!Array.isArray(content)) return { segments: [], unknownTypes: [] };
  const segments: ContentSegment[] = [];
  const unknownTypes: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') {
      if (part !== '') segments.push({ kind: 'text', text: part });
      continue;
    }
    if (!isRecord(part)) continue;
    const type = part['type'];
    if ((type === 'text' || type === 'output_text') && typeof part['text'] === 'string') {
      if (part['text'] !== '') segments.push({ kind: 'text', text: part['text'] });
    } else if (type === 'thinking' || type === 'reasoning') {
      const text = thinkingText(part['thinking'] ?? part['text']);
      if (text !== '') segments.push({ kind: 'reasoning', text });
    } else if (typeof type === 'string') {
      unknownTypes.push(type);
    }
  }
  return { segments, unknownTypes };
}

function thinkingText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return value.map((item) => (typeof item === 'string' ? item : isRecord(item) && typeof item['text'] === 'string' ? item['text'] : '')).join('');
}

/** Reasoning text from the `reasoning_content` (DeepSeek, xAI, vLLM) or `reasoning` (Groq, OpenRouter) field. */
export function reasoningField(message: Record<string, unknown>): string | undefined {
  for (const key of ['reasoning_content', 'reasoning']) {
    const value = message[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
