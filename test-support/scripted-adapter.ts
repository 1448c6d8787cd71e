import {
  ProviderError,
  type ChatCompletion,
  type ChatRequest,
  type EmbeddingsRequest,
  type ProviderEmbeddingsResult,
  type ProviderAdapter,
  type ProviderCallOptions,
  type ProviderChatResult,
  type ProviderErrorInit,
  type StreamPart,
} from '@refract/core';

/** What one call to a scripted adapter does. */
export type ScriptedStep =
  | { reply: string; usage?: { input: number; output: number } | false; toolCall?: { id: string; name: string; arguments: string } }
  | { fail: Omit<ProviderErrorInit, 'provider'> }
  | { stream: StreamPart[]; failOpen?: Omit<ProviderErrorInit, 'provider'>; delayMs?: number }
  | { hang: true };

export interface ScriptedCall {
  request: ChatRequest;
  options: ProviderCallOptions | undefined;
  kind: 'chat' | 'stream' | 'embed';
}

/**
 * An in-process ProviderAdapter that plays a script, one step per call (the last step repeats),
 * and records every request. For gateway tests that need exact control over failures; adapter
 * wire formats are tested separately against real sockets.
 */
export function scriptedAdapter(id: string, steps: ScriptedStep[]): ProviderAdapter & { calls: ScriptedCall[]; closedStreams: number } {
  const calls: ScriptedCall[] = [];
  let index = 0;
  const next = (): ScriptedStep => steps[Math.min(index++, steps.length - 1)] as ScriptedStep;
  const adapter = {
    id,
    type: 'scripted',
    calls,
    closedStreams: 0,
    async embed(request: EmbeddingsRequest, options?: ProviderCallOptions): Promise<ProviderEmbeddingsResult> {
      calls.push({ request: { model: request.model, messages: [] } as unknown as ChatRequest, options, kind: 'embed' });
      const inputs = Array.isArray(request.input) ? request.input : [request.input];
      return {
        response: {
          object: 'list',
          model: request.model,
          data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: [index, 0.5, -0.5] })),
          usage: { prompt_tokens: 3 * inputs.length, total_tokens: 3 * inputs.length },
        },
        warnings: [],
      };
    },
    async chat(request: ChatRequest, options?: ProviderCallOptions): Promise<ProviderChatResult> {
      calls.push({ request, options, kind: 'chat' });
      const step = next();
      if ('hang' in step) return hang(options?.signal, id);
      if ('fail' in step) throw new ProviderError({ provider: id, ...step.fail });
      if ('stream' in step) throw new Error('script error: a stream step in a chat call');
      return { response: completion(request.model, step), warnings: [] };
    },
    stream(request: ChatRequest, options?: ProviderCallOptions): AsyncIterable<StreamPart> {
      calls.push({ request, options, kind: 'stream' });
      const step = next();
      return {
        [Symbol.asyncIterator]: () => {
          let position = 0;
          let opened = false;
          return {
            async next(): Promise<IteratorResult<StreamPart>> {
              if (!opened) {
                opened = true;
                if ('fail' in step) throw new ProviderError({ provider: id, ...step.fail });
                if ('stream' in step && step.failOpen) throw new ProviderError({ provider: id, ...step.failOpen });
                if ('hang' in step) await hang(options?.signal, id);
              }
              if (!('stream' in step)) {
                if ('reply' in step) {
                  const parts: StreamPart[] = [{ type: 'stream-start' }, { type: 'text-delta', delta: step.reply }, { type: 'finish', finishReason: 'stop' }];
                  const part = parts[position++];
                  return part ? { value: part, done: false } : { value: undefined, done: true };
                }
                return { value: undefined, done: true };
              }
              if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
              if (options?.signal?.aborted) {
                return { value: { type: 'error', error: new ProviderError({ provider: id, kind: 'aborted', message: 'aborted' }) }, done: false };
              }
              const part = step.stream[position++];
              return part ? { value: part, done: false } : { value: undefined, done: true };
            },
            async return(): Promise<IteratorResult<StreamPart>> {
              adapter.closedStreams += 1;
              return { value: undefined, done: true };
            },
          };
        },
      };
    },
  };
  return adapter;
}

function completion(model: string, step: { reply: string; usage?: { input: number; output: number } | false; toolCall?: { id: string; name: string; arguments: string } }): ChatCompletion {
  const usage = step.usage === false ? undefined : (step.usage ?? { input: 12, output: 5 });
  return {
    id: `chatcmpl-${model}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: step.toolCall ? null : step.reply,
          ...(step.toolCall ? { tool_calls: [{ id: step.toolCall.id, type: 'function' as const, function: { name: step.toolCall.name, arguments: step.toolCall.arguments } }] } : {}),
        },
        finish_reason: step.toolCall ? 'tool_calls' : 'stop',
      },
    ],
    ...(usage ? { usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } } : {}),
  };
}

function hang(signal: AbortSignal | undefined, provider: string): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(new ProviderError({ provider, kind: 'aborted', message: 'aborted while waiting' }));
    if (signal?.aborted) fail();
    signal?.addEventListener('abort', fail, { once: true });
  });
}
