import type { ProviderWarning, StreamPart, Usage } from '@refract/core';
import { generateId, unixSeconds } from '../shared';
import type { GeminiCandidate, GeminiFunctionCall, GeminiPart, GeminiResponse } from './gemini-api-types';
import { geminiError, parseGeminiErrorBody } from './gemini-error';
import { mapGeminiFinishReason } from './map-gemini-finish-reason';
import { usageFromGemini } from './map-gemini-usage';
import { PartialArgsWriter } from './partial-args-writer';
import { signatureExtraContent } from './thought-signature';

interface CandidateState {
  toolCalls: number;
  open: { index: number; writer: PartialArgsWriter } | undefined;
  finished: boolean;
}

export interface TranslatorContext {
  provider: string;
  /** Warnings from the request conversion, sent in the `stream-start` part. */
  warnings: ProviderWarning[];
}

/**
 * Translates Gemini `GenerateContentResponse` objects (SSE events of `streamGenerateContent`, or
 * the single body of `generateContent`) into `StreamPart`s:
 * text → `text-delta`; thought text → `reasoning-delta`; a thought signature on a text or thought
 * part → `reasoning-delta` with `signature`; a whole `functionCall` → `tool-call-start` (with
 * `extraContent` carrying its thought signature) + one `tool-call-delta`; a streamed call
 * (`willContinue` + `partialArgs`) → `tool-call-start` + JSON fragments as they arrive;
 * `finishReason` → `finish`; a prompt blocked by safety → a `content-filtered` warning + `finish`
 * `content_filter`; usage → one `usage` part at the end.
 */
export class GeminiStreamTranslator {
  private readonly context: TranslatorContext;
  private readonly candidates = new Map<number, CandidateState>();
  private readonly warnedPartTypes = new Set<string>();
  private started = false;
  private usage: Usage | undefined;

  constructor(context: TranslatorContext) {
    this.context = context;
  }

  /**
   * The `stream-start` part (with the request's warnings), once: from the first response object, or
   * without id and model when the stream fails or ends before one could be read.
   */
  begin(response: GeminiResponse = {}): StreamPart[] {
    if (this.started) return [];
    this.started = true;
    return [
      {
        type: 'stream-start',
        ...(response.responseId ? { id: response.responseId } : {}),
        ...(response.modelVersion ? { model: response.modelVersion } : {}),
        created: unixSeconds(),
        ...(this.context.warnings.length > 0 ? { warnings: this.context.warnings } : {}),
      },
    ];
  }

  /** The parts for one response object. Throws `PartialArgsOrderError` for unstreamable arguments. */
  translate(response: GeminiResponse): StreamPart[] {
    const parts = this.begin(response);
    if (response.error !== undefined) {
      parts.push({ type: 'error', error: geminiError(this.context.provider, undefined, parseGeminiErrorBody(response)) });
      return parts;
    }
    this.usage = usageFromGemini(response.usageMetadata) ?? this.usage;
    const candidates = response.candidates ?? [];
    const blockReason = response.promptFeedback?.blockReason;
    if (candidates.length === 0 && blockReason && !this.state(0).finished) {
      const detail = response.promptFeedback?.blockReasonMessage ? `: ${response.promptFeedback.blockReasonMessage}` : '';
      parts.push({ type: 'warning', warning: { type: 'content-filtered', parameter: 'messages', message: `Gemini blocked the prompt (${blockReason})${detail}` } });
      parts.push({ type: 'finish', finishReason: 'content_filter', choiceIndex: 0 });
      this.state(0).finished = true;
    }
    candidates.forEach((candidate, position) => this.translateCandidate(candidate, candidate.index ?? position, parts));
    return parts;
  }

  /** Parts due when the upstream ends: calls still open are closed, then the last usage. */
  end(): StreamPart[] {
    const parts: StreamPart[] = [];
    for (const [choiceIndex, state] of this.candidates) this.closeCall(state, choiceIndex, parts);
    if (this.usage) parts.push({ type: 'usage', usage: this.usage });
    return parts;
  }

  private translateCandidate(candidate: GeminiCandidate, choiceIndex: number, parts: StreamPart[]): void {
    const state = this.state(choiceIndex);
    for (const part of candidate.content?.parts ?? []) {
      if (part.functionCall) this.functionCall(part.functionCall, part.thoughtSignature, state, choiceIndex, parts);
      else this.otherPart(part, choiceIndex, parts);
    }
    if (candidate.finishReason && !state.finished) {
      this.closeCall(state, choiceIndex, parts);
      const mapping = mapGeminiFinishReason(candidate.finishReason, state.toolCalls > 0, candidate.finishMessage);
      if (mapping.warning) parts.push({ type: 'warning', warning: mapping.warning });
      parts.push({ type: 'finish', finishReason: mapping.finishReason, choiceIndex });
      state.finished = true;
    }
  }

  private otherPart(part: GeminiPart, choiceIndex: number, parts: StreamPart[]): void {
    if (typeof part.text === 'string') {
      if (part.thought) {
        parts.push({ type: 'reasoning-delta', delta: part.text, choiceIndex, ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}) });
        return;
      }
      if (part.text !== '') parts.push({ type: 'text-delta', delta: part.text, choiceIndex });
    } else if (part.thoughtSignature === undefined) {
      this.warnDroppedPart(part, parts);
    }
    if (part.thoughtSignature) parts.push({ type: 'reasoning-delta', delta: '', choiceIndex, signature: part.thoughtSignature });
  }

  private functionCall(call: GeminiFunctionCall, signature: string | undefined, state: CandidateState, choiceIndex: number, parts: StreamPart[]): void {
    if (call.name) {
      this.closeCall(state, choiceIndex, parts);
      const index = state.toolCalls;
      state.toolCalls += 1;
      parts.push({
        type: 'tool-call-start',
        index,
        id: call.id ?? generateId('call'),
        name: call.name,
        choiceIndex,
        ...(signature ? { extraContent: signatureExtraContent(signature) } : {}),
      });
      if (call.willContinue || call.partialArgs) {
        state.open = { index, writer: new PartialArgsWriter() };
      } else {
        parts.push({ type: 'tool-call-delta', index, argumentsDelta: JSON.stringify(call.args ?? {}), choiceIndex });
        return;
      }
    }
    const open = state.open;
    if (!open) return;
    for (const argument of call.partialArgs ?? []) {
      const delta = open.writer.apply(argument);
      if (delta !== '') parts.push({ type: 'tool-call-delta', index: open.index, argumentsDelta: delta, choiceIndex });
    }
    if (!call.willContinue) this.closeCall(state, choiceIndex, parts);
  }

  private closeCall(state: CandidateState, choiceIndex: number, parts: StreamPart[]): void {
    const open = state.open;
    if (!open) return;
    state.open = undefined;
    parts.push({ type: 'tool-call-delta', index: open.index, argumentsDelta: open.writer.finish(), choiceIndex });
  }

  private warnDroppedPart(part: GeminiPart, parts: StreamPart[]): void {
    const type = Object.keys(part).find((key) => key !== 'thoughtSignature' && key !== 'thought');
    if (type === undefined || this.warnedPartTypes.has(type)) return;
    this.warnedPartTypes.add(type);
    parts.push({ type: 'warning', warning: { type: 'other', message: `Gemini returned an output part of type ${type}, which a chat completion cannot carry; it was left out` } });
  }

  private state(choiceIndex: number): CandidateState {
    let state = this.candidates.get(choiceIndex);
    if (!state) {
      state = { toolCalls: 0, open: undefined, finished: false };
      this.candidates.set(choiceIndex, state);
    }
    return state;
  }
}
