import { usageFromOpenAI, type ProviderWarning, type StreamPart } from '@refract/core';
import { decodeError, finiteNumber, isRecord, nonEmptyString, readSseEvents, type JsonRecord } from '../shared';
import { contentFilterFinishWarning, contentFilterWarnings, promptFilterWarnings } from './content-filter-warnings';
import { mapOpenAIFinishReason } from './map-openai-finish-reason';
import { readContentSegments } from './openai-message-content';
import { isOpenAIErrorPayload, openAIInBandError } from './openai-error';
import { OpenAIToolCallStream, withChoice } from './openai-tool-call-stream';
import { usageOfPayload } from './openai-usage';

/** Delta fields carried by stream parts (or deliberately ignored); anything else gets one warning. */
const HANDLED_DELTA_FIELDS: ReadonlySet<string> = new Set(['role', 'index', 'content', 'refusal', 'reasoning_content', 'reasoning', 'tool_calls']);

export interface OpenAIStreamMapperOptions {
  provider: string;
  /** Warnings from translating the request; they travel in the `stream-start` part. */
  warnings?: ProviderWarning[];
}

/**
 * Maps decoded Chat Completions stream events to `StreamPart`s. One instance per stream.
 *
 * Handles what OpenAI and compatible servers send: the `choices: []` + usage chunk of
 * `include_usage` (and usage on every chunk, or on the finish chunk, or in Groq's `x_groq`),
 * Azure's content-filter preamble chunks (no id, no choices), `reasoning_content` / `reasoning` /
 * Mistral thinking parts, tool-call fragments (see `OpenAIToolCallStream`), `n > 1` choices,
 * `{"error": ...}` payloads inside the stream, and `data: [DONE]`.
 */
export class OpenAIStreamMapper {
  private readonly provider: string;
  private readonly requestWarnings: ProviderWarning[];
  private readonly pendingWarnings: ProviderWarning[] = [];
  private readonly warned = new Set<string>();
  private readonly toolCalls: OpenAIToolCallStream;
  private readonly seenChoices = new Set<number>();
  private readonly finishedChoices = new Set<number>();
  private started = false;
  private sawCompletionChunk = false;
  private lastUsageKey = '';

  constructor(options: OpenAIStreamMapperOptions) {
    this.provider = options.provider;
    this.requestWarnings = options.warnings ?? [];
    this.toolCalls = new OpenAIToolCallStream(options.provider);
  }

  /** Parts for one SSE event; `done` is true once the stream is over (`[DONE]`, or an error part). */
  event(data: string, eventName?: string): { parts: StreamPart[]; done: boolean } {
    const text = data.trim();
    if (text === '') return { parts: [], done: false };
    if (text === '[DONE]') return { parts: this.done(), done: true };
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      if (eventName === 'error') {
        return { parts: [...this.start({}), { type: 'error', error: openAIInBandError(this.provider, { error: { message: text } }) }], done: true };
      }
      return { parts: [...this.start({}), decodeError(this.provider, 'stream chunk', text, error)], done: true };
    }
    if (!isRecord(payload)) return { parts: [...this.start({}), decodeError(this.provider, 'stream chunk', text)], done: true };
    if (eventName === 'error' || isOpenAIErrorPayload(payload)) {
      return { parts: [...this.start({}), { type: 'error', error: openAIInBandError(this.provider, payload) }], done: true };
    }
    const parts = this.chunk(payload);
    return { parts, done: parts.some((part) => part.type === 'error') };
  }

  /** Parts for one parsed `chat.completion.chunk`. */
  chunk(chunk: JsonRecord): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const warning of promptFilterWarnings(chunk)) parts.push(...this.warn(warning));
    const choices = Array.isArray(chunk['choices']) ? chunk['choices'] : [];
    const usage = usageOfPayload(chunk);
    if (nonEmptyString(chunk['id']) !== undefined || choices.length > 0 || usage) {
      this.sawCompletionChunk = true;
      parts.unshift(...this.start(chunk));
    }
    for (const [position, choice] of choices.entries()) {
      if (!isRecord(choice)) continue;
      parts.push(...this.choice(choice, position));
      if (parts.at(-1)?.type === 'error') return parts;
    }
    if (usage) {
      const key = `${usage.prompt_tokens}/${usage.completion_tokens}/${JSON.stringify(usage.prompt_tokens_details)}/${JSON.stringify(usage.completion_tokens_details)}`;
      if (key !== this.lastUsageKey) {
        this.lastUsageKey = key;
        parts.push({ type: 'usage', usage: usageFromOpenAI(usage) });
      }
    }
    return parts;
  }

  /**
   * At `data: [DONE]`: choices that never sent a finish reason finish now (`tool_calls` if they
   * called a tool, else `stop`). A `[DONE]` without any completion chunk is a decode error.
   */
  done(): StreamPart[] {
    if (!this.sawCompletionChunk) {
      return [...this.start({}), decodeError(this.provider, 'stream', 'the stream ended ([DONE]) without a completion chunk')];
    }
    const parts: StreamPart[] = [];
    const open = [...this.seenChoices].filter((index) => !this.finishedChoices.has(index));
    if (this.seenChoices.size === 0) open.push(0);
    for (const index of open) {
      const failure = this.toolCalls.finish(index);
      if (failure.length > 0) return [...parts, ...failure];
      parts.push(withChoice({ type: 'finish', finishReason: this.toolCalls.startedIn(index) ? 'tool_calls' : 'stop' }, index));
      this.finishedChoices.add(index);
    }
    return parts;
  }

  private choice(choice: JsonRecord, position: number): StreamPart[] {
    const index = finiteNumber(choice['index']) ?? position;
    this.seenChoices.add(index);
    const parts: StreamPart[] = [];
    for (const warning of contentFilterWarnings(choice['content_filter_results'], `completion of choice ${index}`)) parts.push(...this.warn(warning));
    const delta = isRecord(choice['delta']) ? choice['delta'] : {};
    const reasoning = nonEmptyString(delta['reasoning_content']) ?? nonEmptyString(delta['reasoning']);
    if (reasoning !== undefined) parts.push(withChoice({ type: 'reasoning-delta', delta: reasoning }, index));
    const { segments, unknownTypes } = readContentSegments(delta['content']);
    for (const segment of segments) {
      parts.push(withChoice({ type: segment.kind === 'text' ? 'text-delta' : 'reasoning-delta', delta: segment.text }, index));
    }
    for (const type of unknownTypes) parts.push(...this.notice(`content part type "${type}" in stream deltas is not carried by Refract stream parts`));
    const refusal = nonEmptyString(delta['refusal']);
    if (refusal !== undefined) {
      parts.push(...this.notice('the model refused: its `refusal` text is streamed as content'));
      parts.push(withChoice({ type: 'text-delta', delta: refusal }, index));
    }
    for (const [field, value] of Object.entries(delta)) {
      if (!HANDLED_DELTA_FIELDS.has(field) && value !== null && value !== undefined) {
        parts.push(...this.notice(`stream delta field "${field}" is not carried by Refract stream parts`));
      }
    }
    if (choice['logprobs'] !== null && choice['logprobs'] !== undefined) {
      parts.push(...this.notice('stream logprobs are not carried by Refract stream parts'));
    }
    const uncarried: string[] = [];
    parts.push(...this.toolCalls.delta(index, delta['tool_calls'], (field) => uncarried.push(field)));
    for (const field of uncarried) parts.push(...this.notice(`tool call field "${field}" is not carried by Refract stream parts`));
    const finishReason = mapOpenAIFinishReason(choice['finish_reason']);
    if (finishReason !== null && !this.finishedChoices.has(index)) {
      const failure = this.toolCalls.finish(index);
      if (failure.length > 0) return [...parts, ...failure];
      this.finishedChoices.add(index);
      if (finishReason === 'content_filter') parts.push(...this.warn(contentFilterFinishWarning(index)));
      parts.push(withChoice({ type: 'finish', finishReason }, index));
    }
    return parts;
  }

  /** The `stream-start` part, once, before any other part. */
  private start(chunk: JsonRecord): StreamPart[] {
    if (this.started) return [];
    this.started = true;
    const warnings = [...this.requestWarnings, ...this.pendingWarnings];
    const id = nonEmptyString(chunk['id']);
    const model = nonEmptyString(chunk['model']);
    const created = finiteNumber(chunk['created']);
    return [
      {
        type: 'stream-start',
        ...(id !== undefined ? { id } : {}),
        ...(model !== undefined ? { model } : {}),
        ...(created !== undefined && created > 0 ? { created } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
      },
    ];
  }

  /** A warning part, or held for `stream-start` while the stream has not started; each message once. */
  private warn(warning: ProviderWarning): StreamPart[] {
    if (this.warned.has(warning.message)) return [];
    this.warned.add(warning.message);
    if (!this.started) {
      this.pendingWarnings.push(warning);
      return [];
    }
    return [{ type: 'warning', warning }];
  }

  private notice(message: string): StreamPart[] {
    return this.warn({ type: 'other', message });
  }
}

/** Reads an SSE body through the mapper until `[DONE]`, an error part, or the end of the body. */
export async function* openAIStreamParts(body: AsyncIterable<Uint8Array>, mapper: OpenAIStreamMapper): AsyncGenerator<StreamPart> {
  for await (const event of readSseEvents(body)) {
    const { parts, done } = mapper.event(event.data, event.event);
    yield* parts;
    if (done) return;
  }
}
