import { usageFromOpenAI, type ProviderWarning, type StreamPart } from '@refract/core';
import { decodeError, isRecord, nonEmptyString, readLines } from '../shared';
import { createdOf, ollamaUsage, toolCallsOf } from './convert-ollama-response';
import { mapOllamaDoneReason } from './map-ollama-finish-reason';
import { ollamaInBandError } from './ollama-error';

export interface OllamaStreamMapperOptions {
  provider: string;
  /** The id the adapter gave this response (Ollama sends none); tool-call ids derive from it. */
  responseId: string;
  warnings: ProviderWarning[];
}

/**
 * Maps `/api/chat` NDJSON lines to `StreamPart`s: `message.thinking` → reasoning, `message.content`
 * → text, each (whole) tool call → `tool-call-start` + one `tool-call-delta` with its JSON
 * arguments, and the `done: true` line → usage and finish. An `{"error": ...}` line ends the
 * stream with an error part.
 */
export class OllamaStreamMapper {
  private readonly options: OllamaStreamMapperOptions;
  private started = false;
  private toolCalls = 0;

  constructor(options: OllamaStreamMapperOptions) {
    this.options = options;
  }

  line(text: string): { parts: StreamPart[]; done: boolean } {
    const { provider } = this.options;
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      return { parts: [...this.start({}), decodeError(provider, 'NDJSON line', text, error)], done: true };
    }
    if (!isRecord(payload)) return { parts: [...this.start({}), decodeError(provider, 'NDJSON line', text)], done: true };
    if (payload['error'] !== undefined && payload['error'] !== null) {
      return { parts: [...this.start(payload), { type: 'error', error: ollamaInBandError(provider, payload) }], done: true };
    }
    const parts = this.start(payload);
    const message = isRecord(payload['message']) ? payload['message'] : {};
    const thinking = nonEmptyString(message['thinking']);
    if (thinking !== undefined) parts.push({ type: 'reasoning-delta', delta: thinking });
    const content = nonEmptyString(message['content']);
    if (content !== undefined) parts.push({ type: 'text-delta', delta: content });
    for (const call of toolCallsOf(message['tool_calls'], this.options.responseId, this.toolCalls)) {
      const index = this.toolCalls++;
      parts.push({ type: 'tool-call-start', index, id: call.id, name: call.function.name });
      parts.push({ type: 'tool-call-delta', index, argumentsDelta: call.function.arguments });
    }
    if (payload['done'] !== true) return { parts, done: false };
    parts.push({ type: 'usage', usage: usageFromOpenAI(ollamaUsage(payload)) });
    parts.push({ type: 'finish', finishReason: mapOllamaDoneReason(payload['done_reason'], this.toolCalls > 0) });
    return { parts, done: true };
  }

  private start(payload: Record<string, unknown>): StreamPart[] {
    if (this.started) return [];
    this.started = true;
    const model = nonEmptyString(payload['model']);
    return [
      {
        type: 'stream-start',
        id: this.options.responseId,
        ...(model !== undefined ? { model } : {}),
        created: createdOf(payload),
        ...(this.options.warnings.length > 0 ? { warnings: this.options.warnings } : {}),
      },
    ];
  }
}

/** Reads an NDJSON body through the mapper until the `done` line, an error, or the end of the body. */
export async function* ollamaStreamParts(body: AsyncIterable<Uint8Array>, mapper: OllamaStreamMapper): AsyncGenerator<StreamPart> {
  for await (const line of readLines(body)) {
    const { parts, done } = mapper.line(line);
    yield* parts;
    if (done) return;
  }
}
