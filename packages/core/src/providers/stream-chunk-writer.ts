import type { ChatChunk, ChunkDelta } from '../spec/chat-chunk';
import type { StreamPart } from './stream-part';
import { usageToOpenAI, type Usage } from './usage';

export interface StreamChunkWriterOptions {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  /** Emit the final `choices: []` chunk with usage (OpenAI `stream_options.include_usage`). */
  includeUsage?: boolean;
}

/**
 * Turns `StreamPart`s into OpenAI `chat.completion.chunk` objects, exactly as OpenAI streams
 * them: the first delta of each choice carries `role: 'assistant'`, tool calls start with id,
 * type and name and continue with argument fragments, the finish reason arrives in an empty
 * delta, and usage comes last in a chunk with no choices.
 *
 * @example
 * const writer = new StreamChunkWriter({ id, model, created, includeUsage: true });
 * for await (const part of adapter.stream(request)) for (const chunk of writer.write(part)) send(chunk);
 * for (const chunk of writer.end()) send(chunk);
 */
export class StreamChunkWriter {
  private readonly options: StreamChunkWriterOptions;
  private readonly started = new Set<number>();
  private usage: Usage | undefined;

  constructor(options: StreamChunkWriterOptions) {
    this.options = options;
  }

  /** The last usage seen, if any. */
  get lastUsage(): Usage | undefined {
    return this.usage;
  }

  /**
   * The opening chunk (`role: 'assistant'`, empty content), as OpenAI sends first: lets a client
   * see the stream start before the first token.
   */
  start(index = 0): ChatChunk[] {
    if (this.started.has(index)) return [];
    this.started.add(index);
    return [{ ...this.base(), choices: [{ index, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
  }

  write(part: StreamPart): ChatChunk[] {
    switch (part.type) {
      case 'text-delta':
        return part.delta === '' ? [] : [this.chunk(part.choiceIndex ?? 0, { content: part.delta })];
      case 'reasoning-delta':
        return part.delta === '' ? [] : [this.chunk(part.choiceIndex ?? 0, { reasoning_content: part.delta })];
      case 'tool-call-start':
        return [
          this.chunk(part.choiceIndex ?? 0, {
            tool_calls: [
              {
                index: part.index,
                id: part.id,
                type: 'function',
                function: { name: part.name, arguments: '' },
                ...(part.extraContent ? { extra_content: part.extraContent } : {}),
              },
            ],
          }),
        ];
      case 'tool-call-delta':
        return part.argumentsDelta === ''
          ? []
          : [this.chunk(part.choiceIndex ?? 0, { tool_calls: [{ index: part.index, function: { arguments: part.argumentsDelta } }] })];
      case 'finish':
        return [this.chunk(part.choiceIndex ?? 0, {}, part.finishReason)];
      case 'usage':
        this.usage = part.usage;
        return [];
      case 'stream-start':
      case 'warning':
      case 'error':
        return [];
    }
  }

  /** Chunks due at the end of the stream: the usage chunk when asked for. */
  end(usage: Usage | undefined = this.usage, extra: Record<string, unknown> = {}): ChatChunk[] {
    if (!this.options.includeUsage || usage === undefined) return [];
    return [{ ...this.base(), choices: [], usage: usageToOpenAI(usage), ...extra }];
  }

  private chunk(index: number, delta: ChunkDelta, finishReason: ChatChunk['choices'][number]['finish_reason'] = null): ChatChunk {
    const first = !this.started.has(index);
    if (first) this.started.add(index);
    const fullDelta: ChunkDelta = first ? { role: 'assistant', ...delta } : delta;
    return { ...this.base(), choices: [{ index, delta: fullDelta, finish_reason: finishReason }] };
  }

  private base(): Pick<ChatChunk, 'id' | 'object' | 'created' | 'model'> {
    return { id: this.options.id, object: 'chat.completion.chunk', created: this.options.created, model: this.options.model };
  }
}
