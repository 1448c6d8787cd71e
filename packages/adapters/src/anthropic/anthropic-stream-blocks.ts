import type { StreamPart } from '@refract/core';
import type { AnthropicResponseBlock } from './anthropic-api-types';
import { warnCitations, warnFallback, warnOmittedBlock, warnRedactedThinkingInStream } from './anthropic-block-warnings';
import type { WarningCollector } from './anthropic-warnings';

type BlockKind = 'text' | 'thinking' | 'redacted' | 'tool' | 'json' | 'omitted';

interface BlockState {
  kind: BlockKind;
  /** Position of the tool call among this response's tool calls (not Anthropic's block index). */
  toolIndex?: number;
  /** The input sent with `content_block_start`, used when no `input_json_delta` follows. */
  input?: unknown;
  sawInputDelta: boolean;
}

/** Adds warnings through the collector and returns the ones it added as parts. */
export type WarnParts = (add: (warnings: WarningCollector) => unknown) => StreamPart[];

/**
 * The content blocks of one streamed Anthropic message (`content_block_start/delta/stop`) as
 * stream parts: text, thinking (and signatures), tool calls numbered by tool_use order, the
 * JSON-schema answer tool as text. Server-tool, redacted-thinking and unknown blocks produce a
 * warning and nothing else.
 */
export class AnthropicStreamBlocks {
  private readonly states = new Map<number, BlockState>();
  private nextToolIndex = 0;
  private jsonAnswer = false;

  constructor(
    private readonly jsonToolName: string | undefined,
    private readonly warn: WarnParts,
  ) {}

  /** How many tool calls (not counting the JSON-schema answer tool) have started. */
  get toolCalls(): number {
    return this.nextToolIndex;
  }

  /** Whether the answer came through the JSON-schema tool. */
  get answeredWithJsonTool(): boolean {
    return this.jsonAnswer;
  }

  start(index: number, block: AnthropicResponseBlock): StreamPart[] {
    switch (block.type) {
      case 'text': {
        this.states.set(index, { kind: 'text', sawInputDelta: false });
        const parts = Array.isArray(block.citations) && block.citations.length > 0 ? this.warn((warnings) => warnCitations(warnings)) : [];
        if (typeof block.text === 'string' && block.text !== '') parts.push({ type: 'text-delta', delta: block.text });
        return parts;
      }
      case 'thinking': {
        this.states.set(index, { kind: 'thinking', sawInputDelta: false });
        const parts: StreamPart[] = [];
        if (typeof block.thinking === 'string' && block.thinking !== '') parts.push({ type: 'reasoning-delta', delta: block.thinking });
        if (typeof block.signature === 'string' && block.signature !== '') parts.push({ type: 'reasoning-delta', delta: '', signature: block.signature });
        return parts;
      }
      case 'redacted_thinking':
        this.states.set(index, { kind: 'redacted', sawInputDelta: false });
        return this.warn((warnings) => warnRedactedThinkingInStream(warnings));
      case 'tool_use': {
        if (this.jsonToolName !== undefined && block.name === this.jsonToolName) {
          this.jsonAnswer = true;
          this.states.set(index, { kind: 'json', input: block.input, sawInputDelta: false });
          return [];
        }
        const toolIndex = this.nextToolIndex++;
        this.states.set(index, { kind: 'tool', toolIndex, input: block.input, sawInputDelta: false });
        return [{ type: 'tool-call-start', index: toolIndex, id: String(block.id ?? ''), name: String(block.name ?? '') }];
      }
      case 'fallback':
        this.states.set(index, { kind: 'omitted', sawInputDelta: false });
        return this.warn((warnings) => warnFallback(block, warnings));
      default:
        this.states.set(index, { kind: 'omitted', sawInputDelta: false });
        return this.warn((warnings) => warnOmittedBlock(block.type, warnings));
    }
  }

  delta(index: number, delta: AnthropicResponseBlock): StreamPart[] {
    const block = this.states.get(index);
    if (block?.kind === 'omitted' || block?.kind === 'redacted') return [];
    switch (delta.type) {
      case 'text_delta':
        return typeof delta.text === 'string' && delta.text !== '' ? [{ type: 'text-delta', delta: delta.text }] : [];
      case 'thinking_delta':
        return typeof delta.thinking === 'string' && delta.thinking !== '' ? [{ type: 'reasoning-delta', delta: delta.thinking }] : [];
      case 'signature_delta':
        return block?.kind === 'thinking' && typeof delta.signature === 'string' ? [{ type: 'reasoning-delta', delta: '', signature: delta.signature }] : [];
      case 'input_json_delta': {
        const fragment = typeof delta['partial_json'] === 'string' ? delta['partial_json'] : '';
        if (!block || fragment === '') return [];
        block.sawInputDelta = true;
        if (block.kind === 'json') return [{ type: 'text-delta', delta: fragment }];
        if (block.kind === 'tool' && block.toolIndex !== undefined) return [{ type: 'tool-call-delta', index: block.toolIndex, argumentsDelta: fragment }];
        return [];
      }
      case 'citations_delta':
        return this.warn((warnings) => warnCitations(warnings));
      default:
        return [];
    }
  }

  stop(index: number): StreamPart[] {
    const block = this.states.get(index);
    this.states.delete(index);
    if (!block || block.sawInputDelta) return [];
    // No input_json_delta came: the whole input was in content_block_start.
    const input = JSON.stringify(block.input ?? {});
    if (block.kind === 'json') return [{ type: 'text-delta', delta: input }];
    if (block.kind === 'tool' && block.toolIndex !== undefined) return [{ type: 'tool-call-delta', index: block.toolIndex, argumentsDelta: input }];
    return [];
  }
}
