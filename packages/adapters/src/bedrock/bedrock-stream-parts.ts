import { ProviderError, type StreamPart } from '@refract/core';
import { decodeError } from '../shared';
import { bedrockProviderError } from './bedrock-error';
import type { BedrockUsage } from './bedrock-api-types';
import type { ToolNameMap } from './bedrock-tool-names';
import { usageFromBedrock } from './bedrock-usage';
import { REDACTED_REASONING_WARNING } from './convert-bedrock-response';
import { EventStreamDecodeError, EventStreamDecoder, headerString, type EventStreamMessage } from './event-stream';
import { mapBedrockStopReason } from './map-bedrock-finish-reason';

const utf8 = new TextDecoder();

interface ToolBlock {
  index: number;
  hasArguments: boolean;
}

/**
 * Maps decoded ConverseStream messages to `StreamPart`s, one message at a time:
 * contentBlockStart(toolUse) → tool-call-start; contentBlockDelta text / toolUse.input /
 * reasoningContent → text-delta / tool-call-delta / reasoning-delta; contentBlockStop of a tool
 * that streamed no input → `{}` arguments; messageStop → finish; metadata → usage; exception
 * frames → an error part with the right kind. Unknown event types are ignored.
 */
export class BedrockStreamMapper {
  private readonly provider: string;
  private readonly toolNames: ToolNameMap;
  private readonly tools = new Map<number, ToolBlock>();
  private nextToolIndex = 0;
  private redactedReported = false;

  constructor(provider: string, toolNames: ToolNameMap) {
    this.provider = provider;
    this.toolNames = toolNames;
  }

  map(message: EventStreamMessage): StreamPart[] {
    const messageType = headerString(message, ':message-type') ?? 'event';
    if (messageType === 'error') {
      const code = headerString(message, ':error-code');
      const text = headerString(message, ':error-message') ?? (utf8.decode(message.payload) || 'unknown error');
      return [{ type: 'error', error: bedrockProviderError({ provider: this.provider, errorType: code, message: text, inStream: true }) }];
    }
    const raw = utf8.decode(message.payload);
    let payload: Record<string, unknown>;
    try {
      const parsed: unknown = raw === '' ? {} : JSON.parse(raw);
      if (parsed === null || typeof parsed !== 'object') throw new Error('not a JSON object');
      payload = parsed as Record<string, unknown>;
    } catch (cause) {
      return [decodeError(this.provider, `${headerString(message, ':event-type') ?? messageType} payload`, raw, cause)];
    }
    if (messageType === 'exception') {
      const type = headerString(message, ':exception-type');
      const text = typeof payload['message'] === 'string' ? payload['message'] : typeof payload['Message'] === 'string' ? payload['Message'] : raw;
      return [{ type: 'error', error: bedrockProviderError({ provider: this.provider, errorType: type, message: text, inStream: true }) }];
    }
    return this.event(headerString(message, ':event-type'), payload, raw);
  }

  private event(eventType: string | undefined, payload: Record<string, unknown>, raw: string): StreamPart[] {
    const blockIndex = typeof payload['contentBlockIndex'] === 'number' ? payload['contentBlockIndex'] : 0;
    switch (eventType) {
      case 'contentBlockStart': {
        const toolUse = (payload['start'] as { toolUse?: { toolUseId?: string; name?: string } } | undefined)?.toolUse;
        if (!toolUse) return [];
        const block: ToolBlock = { index: this.nextToolIndex++, hasArguments: false };
        this.tools.set(blockIndex, block);
        return [{ type: 'tool-call-start', index: block.index, id: toolUse.toolUseId ?? '', name: this.toolNames.fromBedrock(toolUse.name ?? '') }];
      }
      case 'contentBlockDelta':
        return this.delta(blockIndex, payload['delta'] as Record<string, unknown> | undefined, raw);
      case 'contentBlockStop': {
        const block = this.tools.get(blockIndex);
        if (!block || block.hasArguments) return [];
        block.hasArguments = true;
        return [{ type: 'tool-call-delta', index: block.index, argumentsDelta: '{}' }];
      }
      case 'messageStop': {
        const mapped = mapBedrockStopReason(typeof payload['stopReason'] === 'string' ? payload['stopReason'] : undefined);
        const parts: StreamPart[] = [...this.closeOpenTools(), { type: 'finish', finishReason: mapped.finishReason }];
        if (mapped.warning) parts.push({ type: 'warning', warning: mapped.warning });
        return parts;
      }
      case 'metadata': {
        const usage = usageFromBedrock(payload['usage'] as BedrockUsage | undefined);
        return usage ? [{ type: 'usage', usage }] : [];
      }
      default:
        return [];
    }
  }

  private delta(blockIndex: number, delta: Record<string, unknown> | undefined, raw: string): StreamPart[] {
    if (!delta) return [];
    if (typeof delta['text'] === 'string') return [{ type: 'text-delta', delta: delta['text'] }];
    const toolUse = delta['toolUse'] as { input?: unknown } | undefined;
    if (toolUse) {
      const block = this.tools.get(blockIndex);
      if (!block) return [decodeError(this.provider, 'tool input before its contentBlockStart', raw)];
      const input = typeof toolUse.input === 'string' ? toolUse.input : '';
      if (input === '') return [];
      block.hasArguments = true;
      return [{ type: 'tool-call-delta', index: block.index, argumentsDelta: input }];
    }
    const reasoning = delta['reasoningContent'] as { text?: unknown; signature?: unknown; redactedContent?: unknown } | undefined;
    if (reasoning) {
      if (typeof reasoning.text === 'string') return [{ type: 'reasoning-delta', delta: reasoning.text }];
      if (typeof reasoning.signature === 'string') return [{ type: 'reasoning-delta', delta: '', signature: reasoning.signature }];
      if (reasoning.redactedContent !== undefined && !this.redactedReported) {
        this.redactedReported = true;
        return [{ type: 'warning', warning: REDACTED_REASONING_WARNING }];
      }
    }
    return [];
  }

  /** Tool blocks that never got input nor a stop still need valid JSON arguments. */
  private closeOpenTools(): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const block of this.tools.values()) {
      if (block.hasArguments) continue;
      block.hasArguments = true;
      parts.push({ type: 'tool-call-delta', index: block.index, argumentsDelta: '{}' });
    }
    return parts;
  }
}

/**
 * Reads a ConverseStream body: event-stream frames → `StreamPart`s. A framing error (bad
 * checksum, truncated frame) becomes a `decode` error part; network failures are left to
 * `guardStream`, which turns them into an error part too.
 */
export async function* bedrockStreamParts(body: AsyncIterable<Uint8Array>, mapper: BedrockStreamMapper, provider: string): AsyncGenerator<StreamPart> {
  const decoder = new EventStreamDecoder();
  try {
    for await (const chunk of body) {
      for (const message of decoder.push(chunk)) {
        for (const part of mapper.map(message)) {
          yield part;
          if (part.type === 'error') return;
        }
      }
    }
    decoder.end();
  } catch (error) {
    if (!(error instanceof EventStreamDecodeError)) throw error;
    yield { type: 'error', error: new ProviderError({ provider, kind: 'decode', message: error.message, cause: error }) };
  }
}
