import type { ProviderError } from '../errors/provider-error';
import type { ChatCompletion, FinishReason } from '../spec/chat-response';
import type { ProviderWarning } from './provider-warning';
import type { StreamPart } from './stream-part';
import { usageToOpenAI, type Usage } from './usage';

interface AccumulatedToolCall {
  id: string;
  name: string;
  arguments: string;
  extraContent?: Record<string, unknown>;
}

interface ChoiceState {
  text: string;
  reasoning: string;
  toolCalls: Map<number, AccumulatedToolCall>;
  finishReason: FinishReason | null;
}

/**
 * Folds `StreamPart`s into one chat completion: the text, reasoning, tool calls and finish reason
 * of each choice, the last usage, warnings, and the error part if the stream failed. The gateway
 * uses it to meter streams; tests use it to compare a stream with its non-streaming twin.
 */
export class StreamAccumulator {
  id: string | undefined;
  model: string | undefined;
  created: number | undefined;
  usage: Usage | undefined;
  error: ProviderError | undefined;
  readonly warnings: ProviderWarning[] = [];
  private readonly choices = new Map<number, ChoiceState>();

  add(part: StreamPart): void {
    switch (part.type) {
      case 'stream-start':
        if (part.id !== undefined) this.id = part.id;
        if (part.model !== undefined) this.model = part.model;
        if (part.created !== undefined) this.created = part.created;
        if (part.warnings) this.warnings.push(...part.warnings);
        return;
      case 'text-delta':
        this.choice(part.choiceIndex).text += part.delta;
        return;
      case 'reasoning-delta':
        this.choice(part.choiceIndex).reasoning += part.delta;
        return;
      case 'tool-call-start':
        this.choice(part.choiceIndex).toolCalls.set(part.index, {
          id: part.id,
          name: part.name,
          arguments: '',
          ...(part.extraContent ? { extraContent: part.extraContent } : {}),
        });
        return;
      case 'tool-call-delta': {
        const call = this.choice(part.choiceIndex).toolCalls.get(part.index);
        if (call) call.arguments += part.argumentsDelta;
        else this.choice(part.choiceIndex).toolCalls.set(part.index, { id: '', name: '', arguments: part.argumentsDelta });
        return;
      }
      case 'finish':
        this.choice(part.choiceIndex).finishReason = part.finishReason;
        return;
      case 'usage':
        this.usage = part.usage;
        return;
      case 'warning':
        this.warnings.push(part.warning);
        return;
      case 'error':
        this.error = part.error;
        return;
    }
  }

  /** All generated text so far (every choice), for counting output tokens when usage is missing. */
  outputText(): string {
    let out = '';
    for (const state of this.choices.values()) {
      out += state.reasoning + state.text;
      for (const call of state.toolCalls.values()) out += call.name + call.arguments;
    }
    return out;
  }

  toCompletion(fallback: { id: string; model: string; created: number }): ChatCompletion {
    const indexes = [...this.choices.keys()].sort((a, b) => a - b);
    if (indexes.length === 0) indexes.push(0);
    const completion: ChatCompletion = {
      id: this.id ?? fallback.id,
      object: 'chat.completion',
      created: this.created ?? fallback.created,
      model: this.model ?? fallback.model,
      choices: indexes.map((index) => {
        const state = this.choices.get(index) ?? emptyChoice();
        const toolCalls = [...state.toolCalls.entries()]
          .sort(([a], [b]) => a - b)
          .map(([, call]) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
            ...(call.extraContent ? { extra_content: call.extraContent } : {}),
          }));
        return {
          index,
          message: {
            role: 'assistant' as const,
            content: state.text === '' && toolCalls.length > 0 ? null : state.text,
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
            ...(state.reasoning !== '' ? { reasoning_content: state.reasoning } : {}),
          },
          finish_reason: state.finishReason,
        };
      }),
    };
    if (this.usage) completion.usage = usageToOpenAI(this.usage);
    return completion;
  }

  private choice(index = 0): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = emptyChoice();
      this.choices.set(index, state);
    }
    return state;
  }
}

function emptyChoice(): ChoiceState {
  return { text: '', reasoning: '', toolCalls: new Map(), finishReason: null };
}

/**
 * Drains a stream into a completion. Resolves with the accumulator so callers can inspect
 * warnings and the error part; it never throws for failures after the stream began.
 */
export async function collectStream(parts: AsyncIterable<StreamPart>): Promise<StreamAccumulator> {
  const accumulator = new StreamAccumulator();
  for await (const part of parts) accumulator.add(part);
  return accumulator;
}
