import { ProviderError, type ChatCompletion, type ChatRequest, type ProviderAdapter, type ProviderCallOptions, type StreamPart } from '@refract/core';
import { generateId, unixSeconds } from '../shared/ids';
import { demoEmbeddings } from './demo-embeddings';
import { DEMO_PROVIDER_ID, type DemoAdapterOptions } from './demo-options';
import { planDemoAnswer, type DemoPlan } from './demo-plan';
import { DEMO_CHAT_MODELS, DEMO_EMBEDDING_MODEL } from './demo-provider';

/**
 * A provider that needs no network and no key: it answers every request deterministically and
 * says so in its text (`[Refract demo] …`), so routing, streaming, tool calls, JSON output,
 * embeddings, metering and records can be tried end to end on a fresh machine. The standalone
 * server (`refract serve`) uses it when no provider is configured. See `planDemoAnswer` for what
 * it answers.
 *
 * @example
 * const router = createRouter({ providers: [demoProviderConfig()], adapters: { demo: createDemoAdapter() } });
 * const { response } = await router.chat({ model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createDemoAdapter(options: DemoAdapterOptions = {}): ProviderAdapter {
  const id = options.id ?? DEMO_PROVIDER_ID;
  return {
    id,
    type: 'demo',
    async chat(request, callOptions) {
      throwIfAborted(id, callOptions);
      const plan = planDemoAnswer(request, options, generateId('call'));
      return { response: completionOf(request, plan), warnings: plan.warnings };
    },
    stream(request, callOptions) {
      return streamParts(id, request, options, callOptions);
    },
    async embed(request, callOptions) {
      throwIfAborted(id, callOptions);
      return { response: demoEmbeddings(request), warnings: [] };
    },
    async listModels() {
      return [...DEMO_CHAT_MODELS, DEMO_EMBEDDING_MODEL].map((model) => ({ id: model, ownedBy: id }));
    },
  };
}

function completionOf(request: ChatRequest, plan: DemoPlan): ChatCompletion {
  const { output, usage } = plan;
  return {
    id: generateId(),
    object: 'chat.completion',
    created: unixSeconds(),
    model: request.model,
    choices: [
      {
        index: 0,
        message:
          output.kind === 'text'
            ? { role: 'assistant', content: output.text }
            : { role: 'assistant', content: null, tool_calls: [{ id: output.id, type: 'function', function: { name: output.name, arguments: output.arguments } }] },
        finish_reason: plan.finishReason,
      },
    ],
    usage: { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens },
  };
}

async function* streamParts(id: string, request: ChatRequest, options: DemoAdapterOptions, callOptions: ProviderCallOptions | undefined): AsyncGenerator<StreamPart> {
  throwIfAborted(id, callOptions);
  const plan = planDemoAnswer(request, options, generateId('call'));
  yield { type: 'stream-start', id: generateId(), model: request.model, created: unixSeconds(), warnings: plan.warnings };
  const { output } = plan;
  const pieces: StreamPart[] =
    output.kind === 'text'
      ? chunksOf(output.text).map((delta) => ({ type: 'text-delta', delta }))
      : [
          { type: 'tool-call-start', index: 0, id: output.id, name: output.name },
          ...halves(output.arguments).map((argumentsDelta): StreamPart => ({ type: 'tool-call-delta', index: 0, argumentsDelta })),
        ];
  for (const piece of pieces) {
    if (options.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
    if (callOptions?.signal?.aborted) {
      yield { type: 'error', error: new ProviderError({ provider: id, kind: 'aborted', message: 'the caller aborted the stream' }) };
      return;
    }
    yield piece;
  }
  yield { type: 'finish', finishReason: plan.finishReason };
  yield { type: 'usage', usage: plan.usage };
}

/** Words with their following whitespace, a few per chunk, so clients see a real stream. */
function chunksOf(text: string): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  const out: string[] = [];
  for (let index = 0; index < words.length; index += 3) out.push(words.slice(index, index + 3).join(''));
  return out;
}

/** Tool arguments in two fragments, as providers stream them (clients must concatenate). */
function halves(text: string): string[] {
  const middle = Math.ceil(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, middle), text.slice(middle)];
}

function throwIfAborted(id: string, callOptions: ProviderCallOptions | undefined): void {
  if (callOptions?.signal?.aborted) throw new ProviderError({ provider: id, kind: 'aborted', message: 'the caller aborted the request' });
}
