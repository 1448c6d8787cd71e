import { ProviderError, type StreamPart } from '@refract/core';
import { generateId, isRecord, nonEmptyString } from '../shared';

/**
 * Tool-call fragment fields carried by stream parts; any other is reported. `extra_content`
 * (Gemini's thought signature, sent by its OpenAI-compatible endpoint) rides on `tool-call-start`
 * when it arrives before or with the call's name, as it does; only a late one is reported.
 */
const CARRIED_FIELDS: ReadonlySet<string> = new Set(['index', 'id', 'type', 'function', 'extra_content']);

interface ToolCallState {
  index: number;
  id: string | undefined;
  name: string | undefined;
  /** Argument fragments that arrived before the name. */
  pendingArguments: string;
  /** The call's `extra_content`, sent with its first fragment(s). */
  extraContent: Record<string, unknown> | undefined;
  started: boolean;
}

/**
 * Turns Chat Completions `delta.tool_calls` fragments into `tool-call-start` / `tool-call-delta`
 * parts, keeping the provider's index and id. Robust to what servers really send:
 * - arguments in the first fragment, or the whole call in one fragment;
 * - the name arriving after the id (the call starts once its name is known; earlier argument
 *   fragments are held back until then);
 * - no `index` (Mistral): the position in the array is used, and a new id at an index already in
 *   use starts a new call at the next free index;
 * - no `type`, empty-string names in continuation fragments, object arguments;
 * - `extra_content` on the first fragment (Gemini's thought signatures), kept on `tool-call-start`;
 * - a call that never receives a name becomes a `decode` error at the choice's finish.
 */
export class OpenAIToolCallStream {
  private readonly provider: string;
  private readonly choices = new Map<number, Map<number, ToolCallState>>();

  constructor(provider: string) {
    this.provider = provider;
  }

  /** Parts for one `delta.tool_calls` array; `onUncarried` hears of fragment fields no part carries. */
  delta(choiceIndex: number, fragments: unknown, onUncarried: (field: string) => void = () => {}): StreamPart[] {
    if (!Array.isArray(fragments)) return [];
    const calls = this.callsOf(choiceIndex);
    const parts: StreamPart[] = [];
    fragments.forEach((fragment, position) => {
      if (!isRecord(fragment)) return;
      for (const [field, value] of Object.entries(fragment)) {
        if (!CARRIED_FIELDS.has(field) && value !== null && value !== undefined) onUncarried(field);
      }
      const extraContent = isRecord(fragment['extra_content']) ? fragment['extra_content'] : undefined;
      const fn = isRecord(fragment['function']) ? fragment['function'] : {};
      const id = nonEmptyString(fragment['id']);
      const name = nonEmptyString(fn['name']);
      const rawArguments = fn['arguments'];
      const argumentsDelta = typeof rawArguments === 'string' ? rawArguments : rawArguments == null ? '' : JSON.stringify(rawArguments);
      let index = typeof fragment['index'] === 'number' ? fragment['index'] : position;
      let state = calls.get(index);
      if (state && id !== undefined && state.id !== undefined && id !== state.id) {
        index = Math.max(...calls.keys()) + 1;
        state = undefined;
      }
      if (!state) {
        state = { index, id: undefined, name: undefined, pendingArguments: '', extraContent: undefined, started: false };
        calls.set(index, state);
      }
      if (state.started) {
        if (extraContent !== undefined) onUncarried('extra_content');
        if (argumentsDelta !== '') parts.push(withChoice({ type: 'tool-call-delta', index, argumentsDelta }, choiceIndex));
        return;
      }
      state.id ??= id;
      state.name ??= name;
      state.extraContent = extraContent === undefined ? state.extraContent : { ...state.extraContent, ...extraContent };
      state.pendingArguments += argumentsDelta;
      if (state.name === undefined) return;
      state.started = true;
      state.id ??= generateId('call');
      parts.push(
        withChoice(
          { type: 'tool-call-start', index, id: state.id, name: state.name, ...(state.extraContent ? { extraContent: state.extraContent } : {}) },
          choiceIndex,
        ),
      );
      if (state.pendingArguments !== '') {
        parts.push(withChoice({ type: 'tool-call-delta', index, argumentsDelta: state.pendingArguments }, choiceIndex));
        state.pendingArguments = '';
      }
    });
    return parts;
  }

  /** Called when the choice finishes: a call still waiting for its name is an error. */
  finish(choiceIndex: number): StreamPart[] {
    for (const state of this.callsOf(choiceIndex).values()) {
      if (state.started) continue;
      return [
        {
          type: 'error',
          error: new ProviderError({
            provider: this.provider,
            kind: 'decode',
            message: `tool call ${state.id ?? `at index ${state.index}`} never received a function name`,
          }),
        },
      ];
    }
    return [];
  }

  /** Whether a tool call started in this choice. */
  startedIn(choiceIndex: number): boolean {
    return [...this.callsOf(choiceIndex).values()].some((state) => state.started);
  }

  private callsOf(choiceIndex: number): Map<number, ToolCallState> {
    let calls = this.choices.get(choiceIndex);
    if (!calls) {
      calls = new Map();
      this.choices.set(choiceIndex, calls);
    }
    return calls;
  }
}

/** Adds `choiceIndex` to a part when it is not the default choice 0. */
export function withChoice<T extends StreamPart & { choiceIndex?: number }>(part: T, choiceIndex: number): T {
  return choiceIndex === 0 ? part : { ...part, choiceIndex };
}
