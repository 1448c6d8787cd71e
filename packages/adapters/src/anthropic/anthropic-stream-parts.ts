import { ProviderError, type ProviderWarning, type StreamPart } from '@refract/core';
import { decodeError, unixSeconds } from '../shared';
import type { AnthropicMessage, AnthropicResponseBlock, AnthropicUsage } from './anthropic-api-types';
import { AnthropicStreamBlocks } from './anthropic-stream-blocks';
import { warnRefusal } from './anthropic-block-warnings';
import { anthropicStreamError } from './anthropic-error';
import { mergeAnthropicUsage, usageFromAnthropic } from './anthropic-usage';
import { WarningCollector } from './anthropic-warnings';
import type { AnthropicResponseContext } from './convert-to-anthropic-request';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason';

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
  private readonly blocks: AnthropicStreamBlocks;

  constructor(options: AnthropicStreamTranslatorOptions) {
    this.provider = options.provider;
    this.context = options.context ?? {};
    this.requestWarnings = options.warnings ?? [];
    this.blocks = new AnthropicStreamBlocks(this.context.jsonToolName, (add) => this.warn(() => add(this.warnings)));
  }

  /** Whether the message has started (a `stream-start` part was produced). */
  get started(): boolean {
    return this.phase !== 'idle';
  }

  /** Parts for the `data` of one SSE event. */
  push(data: string): StreamPart[] {
    if (this.phase === 'stopped') return this.afterStop();
    if (data.length < 16 && data.trim() === '[DONE]') return this.phase === 'open' ? this.finish() : [];
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch (error) {
      return [decodeError(this.provider, 'Anthropic stream event', data, error)];
    }
    if (!isEvent(event)) return [decodeError(this.provider, 'Anthropic stream event (no type)', data)];
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
        return [...this.ensureStarted(), ...this.blocks.start(event['index'], block)];
      }
      case 'content_block_delta': {
        const delta = event['delta'];
        if (typeof event['index'] !== 'number' || !isBlock(delta)) return [decodeError(this.provider, 'content_block_delta', raw)];
        return [...this.ensureStarted(), ...this.blocks.delta(event['index'], delta)];
      }
      case 'content_block_stop':
        return typeof event['index'] === 'number' ? this.blocks.stop(event['index']) : [decodeError(this.provider, 'content_block_stop', raw)];
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
      if (isBlock(block)) parts.push(...this.blocks.start(index, block), ...this.blocks.stop(index));
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
    const mapped = mapAnthropicFinishReason(this.stopReason, { answeredWithJsonTool: this.blocks.answeredWithJsonTool && this.blocks.toolCalls === 0 });
    if (mapped.warning) parts.push(...this.warn(() => this.warnings.add(mapped.warning as ProviderWarning)));
    if (this.stopReason === 'refusal') parts.push(...this.warn(() => warnRefusal(this.stopDetails, this.warnings)));
    parts.push({ type: 'finish', finishReason: mapped.finishReason });
    if (this.usage) parts.push({ type: 'usage', usage: usageFromAnthropic(this.usage) });
    return parts;
  }

  /** The message is complete; anything after it (a proxy's concatenation, say) is not part of it. */
  private afterStop(): StreamPart[] {
    return this.warn(() =>
      this.warnings.once('after-stop', {
        type: 'other',
        message: 'Anthropic sent more events after message_stop; events after the end of the message were ignored',
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
