import { ProviderError, type ProviderWarning, type StreamPart } from '@refract/core';
import { decodeError, unixSeconds } from '../shared';
import type { AnthropicMessage, AnthropicResponseBlock, AnthropicUsage } from './anthropic-api-types';
import { warnCitations, warnFallback, warnOmittedBlock, warnRedactedThinkingInStream, warnRefusal } from './anthropic-block-warnings';
import { anthropicStreamError } from './anthropic-error';
import { mergeAnthropicUsage, usageFromAnthropic } from './anthropic-usage';
import { WarningCollector } from './anthropic-warnings';
import type { AnthropicResponseContext } from './convert-to-anthropic-request';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason';

type BlockKind = 'text' | 'thinking' | 'redacted' | 'tool' | 'json' | 'omitted';

interface BlockState {
  kind: BlockKind;
  /** Position of the tool call among this response's tool calls (not Anthropic's block index). */
  toolIndex?: number;
  /** The input sent with `content_block_start`, used when no `input_json_delta` follows. */
  input?: unknown;
  sawInputDelta: boolean;
}

type Event = Record<string, unknown> & { type: string };

export interface AnthropicStreamTranslatorOptions {
  provider: string;
  context?: AnthropicResponseContext;
  /** The request's warnings, sent in the `stream-start` part. */
  warnings?: ProviderWarning[];
}

/**
 * Turns the `data` of Anthropic Messages SSE events into `StreamPart`s, one event at a time:
 * - `message_start` → `stream-start` (id, model); a repeated `message_start` for the same message is
 *   ignored, one for a different message while the first is open is a `decode` error;
 * - `content_block_start/delta/stop` → text, reasoning (with signatures) and tool-call parts; tool
 *   call indexes count the `tool_use` blocks (0, 1, …), not Anthropic's block indexes; server-tool
 *   and unknown blocks are left out with a warning;
 * - `message_delta` → stop reason and usage (input and cache counts there win over `message_start`);
 * - `message_stop` (or a `[DONE]` some proxies add) → `finish` and `usage`; later events are ignored;
 * - `ping` and unknown event types → nothing; `error` → an `error` part (`overloaded_error` →
 *   kind `overloaded`, retryable); data that is not a JSON event → a `decode` error part.
 *
 * Pure and synchronous, so the cost per chunk can be measured without a network.
 */
export class AnthropicStreamTranslator {
  private readonly provider: string;
  private readonly context: AnthropicResponseContext;
  private readonly requestWarnings: ProviderWarning[];
  private readonly warnings = new WarningCollector();
  private phase: 'idle' | 'open' | 'stopped' = 'idle';
  private messageId: string | undefined;
  private usage: AnthropicUsage | undefined;
  private stopReason: string | null | undefined;
  private stopDetails: AnthropicMessage['stop_details'];
  private readonly blocks = new Map<number, BlockState>();
  private nextToolIndex = 0;
  private answeredWithJsonTool = false;

  constructor(options: AnthropicStreamTranslatorOptions) {
    this.provider = options.provider;
    this.context = options.context ?? {};
    this.requestWarnings = options.warnings ?? [];
  }

  /** Whether the message has started (a `stream-start` part was produced). */
  get started(): boolean {
    return this.phase !== 'idle';
  }

  /** Parts for the `data` of one SSE event. */
  push(data: string): StreamPart[] {
    if (data.trim() === '[DONE]') return this.phase === 'open' ? this.finish() : [];
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch (error) {
      return [decodeError(this.provider, 'Anthropic stream event', data, error)];
    }
    if (!isEvent(event)) return [decodeError(this.provider, 'Anthropic stream event (no type)', data)];
    if (this.phase === 'stopped') return this.afterStop(event);
    return this.handle(event, data);
  }

  private handle(event: Event, raw: string): StreamPart[] {
    switch (event.type) {
      case 'ping':
        return [];
      case 'message_start':
        return this.messageStart(event, raw);
      case 'content_block_start': {
        const block = event['content_block'];
        if (typeof event['index'] !== 'number' || !isBlock(block)) return [decodeError(this.provider, 'content_block_start', raw)];
        return [...this.ensureStarted(), ...this.blockStart(event['index'], block)];
      }
      case 'content_block_delta': {
        const delta = event['delta'];
        if (typeof event['index'] !== 'number' || !isBlock(delta)) return [decodeError(this.provider, 'content_block_delta', raw)];
        return [...this.ensureStarted(), ...this.blockDelta(event['index'], delta)];
      }
      case 'content_block_stop':
        return typeof event['index'] === 'number' ? this.blockStop(event['index']) : [decodeError(this.provider, 'content_block_stop', raw)];
      case 'message_delta':
        return [...this.ensureStarted(), ...this.messageDelta(event)];
      case 'message_stop':
        return [...this.ensureStarted(), ...this.finish()];
      case 'error':
        return [{ type: 'error', error: anthropicStreamError(this.provider, event) }];
      default:
        return [];
    }
  }

  private messageStart(event: Event, raw: string): StreamPart[] {
    const message = event['message'];
    if (!message || typeof message !== 'object') return [decodeError(this.provider, 'message_start', raw)];
    const { id, model, usage, content, stop_reason: stopReason } = message as AnthropicMessage;
    if (this.phase === 'open') {
      if (id === this.messageId) return [];
      const error = new ProviderError({
        provider: this.provider,
        kind: 'decode',
        message: `message ${String(id)} started while message ${String(this.messageId)} was still open`,
      });
      return [{ type: 'error', error }];
    }
    this.phase = 'open';
    this.messageId = typeof id === 'string' ? id : undefined;
    this.usage = usage;
    if (stopReason) this.stopReason = stopReason;
    const parts: StreamPart[] = [this.streamStart(this.messageId, typeof model === 'string' ? model : undefined)];
    // Some responses arrive whole in message_start (e.g. deferred tool calls): replay their blocks.
    (Array.isArray(content) ? content : []).forEach((block, offset) => {
      const index = -1 - offset;
      if (isBlock(block)) parts.push(...this.blockStart(index, block), ...this.blockStop(index));
    });
    return parts;
  }

  private streamStart(id: string | undefined, model: string | undefined): StreamPart {
    return {
      type: 'stream-start',
      ...(id !== undefined ? { id } : {}),
      ...(model !== undefined ? { model } : {}),
      created: unixSeconds(),
      warnings: [...this.requestWarnings],
    };
  }

  /** Content before any `message_start` (not what Anthropic sends, but tolerated). */
  private ensureStarted(): StreamPart[] {
    if (this.phase !== 'idle') return [];
    this.phase = 'open';
    return [this.streamStart(undefined, undefined)];
  }

  private blockStart(index: number, block: AnthropicResponseBlock): StreamPart[] {
    switch (block.type) {
      case 'text':
        this.blocks.set(index, { kind: 'text', sawInputDelta: false });
        if (Array.isArray(block.citations) && block.citations.length > 0) this.warn(() => warnCitations(this.warnings));
        return typeof block.text === 'string' && block.text !== '' ? [{ type: 'text-delta', delta: block.text }] : [];
      case 'thinking': {
        this.blocks.set(index, { kind: 'thinking', sawInputDelta: false });
        const parts: StreamPart[] = [];
        if (typeof block.thinking === 'string' && block.thinking !== '') parts.push({ type: 'reasoning-delta', delta: block.thinking });
        if (typeof block.signature === 'string' && block.signature !== '') parts.push({ type: 'reasoning-delta', delta: '', signature: block.signature });
        return parts;
      }
      case 'redacted_thinking':
        this.blocks.set(index, { kind: 'redacted', sawInputDelta: false });
        return this.warn(() => warnRedactedThinkingInStream(this.warnings));
      case 'tool_use': {
        if (this.context.jsonToolName !== undefined && block.name === this.context.jsonToolName) {
          this.answeredWithJsonTool = true;
          this.blocks.set(index, { kind: 'json', input: block.input, sawInputDelta: false });
          return [];
        }
        const toolIndex = this.nextToolIndex++;
        this.blocks.set(index, { kind: 'tool', toolIndex, input: block.input, sawInputDelta: false });
        return [{ type: 'tool-call-start', index: toolIndex, id: String(block.id ?? ''), name: String(block.name ?? '') }];
      }
      case 'fallback':
        this.blocks.set(index, { kind: 'omitted', sawInputDelta: false });
        return this.warn(() => warnFallback(block, this.warnings));
      default:
        this.blocks.set(index, { kind: 'omitted', sawInputDelta: false });
        return this.warn(() => warnOmittedBlock(block.type, this.warnings));
    }
  }

  private blockDelta(index: number, delta: AnthropicResponseBlock): StreamPart[] {
    const block = this.blocks.get(index);
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
        return this.warn(() => warnCitations(this.warnings));
      default:
        return [];
    }
  }

  private blockStop(index: number): StreamPart[] {
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    if (!block || block.sawInputDelta) return [];
    // No input_json_delta came: the whole input was in content_block_start.
    const input = JSON.stringify(block.input ?? {});
    if (block.kind === 'json') return [{ type: 'text-delta', delta: input }];
    if (block.kind === 'tool' && block.toolIndex !== undefined) return [{ type: 'tool-call-delta', index: block.toolIndex, argumentsDelta: input }];
    return [];
  }

  private messageDelta(event: Event): StreamPart[] {
    const delta = event['delta'];
    if (delta && typeof delta === 'object') {
      const record = delta as Record<string, unknown>;
      if (typeof record['stop_reason'] === 'string') this.stopReason = record['stop_reason'];
      if (record['stop_details'] && typeof record['stop_details'] === 'object') this.stopDetails = record['stop_details'] as AnthropicMessage['stop_details'];
    }
    const usage = event['usage'];
    if (usage && typeof usage === 'object') this.usage = mergeAnthropicUsage(this.usage, usage as AnthropicUsage);
    return [];
  }

  private finish(): StreamPart[] {
    this.phase = 'stopped';
    const parts: StreamPart[] = [];
    const mapped = mapAnthropicFinishReason(this.stopReason, { answeredWithJsonTool: this.answeredWithJsonTool && this.nextToolIndex === 0 });
    if (mapped.warning) parts.push(...this.warn(() => this.warnings.add(mapped.warning as ProviderWarning)));
    if (this.stopReason === 'refusal') parts.push(...this.warn(() => warnRefusal(this.stopDetails, this.warnings)));
    parts.push({ type: 'finish', finishReason: mapped.finishReason });
    if (this.usage) parts.push({ type: 'usage', usage: usageFromAnthropic(this.usage) });
    return parts;
  }

  private afterStop(event: Event): StreamPart[] {
    if (event.type === 'ping') return [];
    return this.warn(() =>
      this.warnings.once('after-stop', {
        type: 'other',
        message: `Anthropic sent "${event.type}" after message_stop; events after the end of the message were ignored`,
      }),
    );
  }

  /** Runs a warning helper and returns the warnings it added as parts. */
  private warn(add: () => unknown): StreamPart[] {
    const before = this.warnings.warnings.length;
    add();
    return this.warnings.warnings.slice(before).map((warning) => ({ type: 'warning', warning }));
  }
}

function isEvent(value: unknown): value is Event {
  return !!value && typeof value === 'object' && typeof (value as Record<string, unknown>)['type'] === 'string';
}

function isBlock(value: unknown): value is AnthropicResponseBlock {
  return isEvent(value);
}
