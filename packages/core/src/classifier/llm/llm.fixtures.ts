import { ProviderError } from '../../errors/provider-error';
import type { ProviderAdapter, ProviderCallOptions } from '../../providers/provider-adapter';
import type { ChatRequest } from '../../spec/chat-request';
import type { ChatCompletion } from '../../spec/chat-response';

/** One call a scripted adapter received. */
export interface ReceivedCall {
  request: ChatRequest;
  options: ProviderCallOptions | undefined;
  /** Set when the call's signal aborted before it settled. */
  aborted: boolean;
}

type Reply = ChatCompletion | Error | ((request: ChatRequest, options: ProviderCallOptions | undefined) => Promise<ChatCompletion>);

/**
 * A `ProviderAdapter` that behaves like a model upstream for the classifier tests: each call
 * takes the next scripted reply (a completion, an error to throw, or a function that may wait
 * for the abort signal), and every request is recorded.
 */
export function scriptedAdapter(replies: Reply[] | ((request: ChatRequest) => Reply), type = 'openai', id = 'fake'): ProviderAdapter & { calls: ReceivedCall[] } {
  const calls: ReceivedCall[] = [];
  const queue = Array.isArray(replies) ? [...replies] : undefined;
  return {
    id,
    type,
    calls,
    async chat(request, options) {
      const call: ReceivedCall = { request, options, aborted: false };
      calls.push(call);
      options?.signal?.addEventListener('abort', () => (call.aborted = true), { once: true });
      const reply = queue ? queue.shift() : (replies as (request: ChatRequest) => Reply)(request);
      if (reply === undefined) throw new Error('scripted adapter: no reply left');
      if (reply instanceof Error) throw reply;
      const response = typeof reply === 'function' ? await reply(request, options) : reply;
      return { response, warnings: [] };
    },
    // The classifier never streams; a stream here would be a bug worth seeing.
    stream() {
      throw new Error('the classifier must not stream');
    },
  };
}

/** A chat completion whose message content is `content`. */
export function completion(content: string | null, extra: { model?: string; usage?: [number, number]; toolArguments?: string } = {}): ChatCompletion {
  const [prompt, output] = extra.usage ?? [500, 40];
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: extra.model ?? 'fake-model',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(extra.toolArguments !== undefined ? { tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'classify_request', arguments: extra.toolArguments } }] } : {}),
        },
        finish_reason: extra.toolArguments !== undefined ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: output, total_tokens: prompt + output },
  };
}

/** A well-formed verdict as a model would write it. */
export function verdictJson(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    category: 'coding_medium',
    complexity: 0.55,
    confidence: 0.86,
    domain: 'tech',
    language: 'en',
    has_image: false,
    estimated_output_length: 'medium',
    frustration: false,
    recommended_tier: 'medium',
    reasoning: 'Asks to fix a bug in a short function.',
    ...fields,
  });
}

/** A reply that never comes: resolves only when the call is aborted (then rejects). */
export function hangUntilAborted(onAbort?: () => void): (request: ChatRequest, options: ProviderCallOptions | undefined) => Promise<ChatCompletion> {
  return (_request, options) =>
    new Promise((_, reject) => {
      options?.signal?.addEventListener(
        'abort',
        () => {
          onAbort?.();
          reject(new ProviderError({ provider: 'fake', kind: 'aborted', message: 'aborted' }));
        },
        { once: true },
      );
    });
}

/** A conversation of about `bytes` characters: an agent session with big tool outputs, then a question. */
export function hugeConversation(bytes: number): ChatRequest {
  const chunk = 'export function handler(request: Request): Response {\n  const body = await request.json();\n  return new Response(JSON.stringify(body));\n}\n';
  const toolOutput = chunk.repeat(Math.ceil(bytes / 4 / chunk.length));
  const messages: ChatRequest['messages'] = [{ role: 'system', content: 'You are a coding agent working in a TypeScript repository.' }];
  for (let turn = 0; turn < 4; turn += 1) {
    messages.push({ role: 'user', content: `Step ${turn}: read the handler files and tell me what they do.` });
    messages.push({ role: 'assistant', content: null, tool_calls: [{ id: `call_${turn}`, type: 'function', function: { name: 'read_file', arguments: `{"path":"src/handler-${turn}.ts"}` } }] });
    messages.push({ role: 'tool', tool_call_id: `call_${turn}`, content: toolOutput });
  }
  messages.push({ role: 'user', content: 'Now refactor the handlers into one generic handler with proper error handling and tests.' });
  return { model: 'auto', messages };
}
