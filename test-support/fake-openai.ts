import type { ServerResponse } from 'node:http';
import { sendJson, writeSlowly, type UpstreamHandler } from './fake-upstream';

/**
 * A deterministic OpenAI-wire provider for `startFakeUpstream`: chat completions (JSON and SSE,
 * usage on request), tool calls, embeddings and the model list, answering from the request alone.
 *
 * - a request with `tools` whose last message is not a tool result gets a call of the first tool
 *   with `{"query": <last user text>}`;
 * - a request whose last message is a tool result gets `Tool said: <result>`;
 * - anything else gets `<replyPrefix><last user text>`.
 */
export interface FakeOpenAIOptions {
  /** Default `echo: `. */
  replyPrefix?: string;
  /** Model ids for `GET /v1/models`. */
  models?: string[];
  /** Pause between stream chunks. */
  chunkDelayMs?: number;
}

interface WireMessage {
  role: string;
  content?: unknown;
  tool_call_id?: string;
}

interface WireRequest {
  model?: string;
  messages?: WireMessage[];
  tools?: { function?: { name?: string } }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  input?: string | string[];
  encoding_format?: 'float' | 'base64';
}

/** The plain text of a message's content (string, or the text parts of an array). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}

/** What the fake answers to a chat request: text, or one tool call. */
export function fakeAnswer(messages: readonly WireMessage[], toolNames: readonly string[], replyPrefix: string): { text: string } | { tool: { name: string; arguments: string } } {
  const last = messages[messages.length - 1];
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  if (last?.role === 'tool' || (last?.role === 'user' && Array.isArray(last.content) && last.content.some((part: { type?: string }) => part?.type === 'tool_result'))) {
    const result = last.role === 'tool' ? textOf(last.content) : textOf((last.content as { content?: unknown }[]).find((part) => 'content' in part)?.content);
    return { text: `Tool said: ${result}` };
  }
  const first = toolNames[0];
  if (first) return { tool: { name: first, arguments: JSON.stringify({ query: textOf(lastUser?.content) }) } };
  return { text: `${replyPrefix}${textOf(lastUser?.content)}` };
}

/** Rough token counts the fake reports (so cost math has something to price). */
export function fakeUsage(body: string, answer: string): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  const prompt = Math.max(1, Math.ceil(body.length / 4));
  const completion = Math.max(1, answer.split(/\s+/).filter(Boolean).length);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * One `data:` event of an OpenAI stream.
 *
 * @example
 * response.write(openAISseEvent(openAIChunk('gpt-4o-mini', { content: 'Hi' })) + openAISseEvent('[DONE]'));
 */
export function openAISseEvent(payload: unknown): string {
  return `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
}

/**
 * A `chat.completion.chunk` with one choice delta.
 *
 * @example
 * openAIChunk('gpt-4o-mini', {}, 'stop'); // the finish chunk
 */
export function openAIChunk(model: string, delta: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

/**
 * The handler. Use it as is, or wrap it to inject faults for some requests.
 *
 * @example
 * const upstream = await startFakeUpstream(fakeOpenAIHandler({ replyPrefix: 'primary: ' }));
 * const adapter = createOpenAIAdapter({ baseURL: `${upstream.url}/v1`, apiKey: 'test' });
 */
export function fakeOpenAIHandler(options: FakeOpenAIOptions = {}): UpstreamHandler {
  const replyPrefix = options.replyPrefix ?? 'echo: ';
  return async (request, response) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && path.endsWith('/models')) {
      sendJson(response, 200, { object: 'list', data: (options.models ?? ['gpt-4o-mini']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      return;
    }
    const body = (request.json ?? {}) as WireRequest;
    if (path.endsWith('/embeddings')) {
      const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
      const tokens = inputs.reduce((sum, input) => sum + Math.max(1, Math.ceil(String(input).length / 4)), 0);
      sendJson(response, 200, {
        object: 'list',
        model: body.model,
        data: inputs.map((input, index) => {
          const vector = [String(input).length / 100, index, 0.5];
          // Like OpenAI: base64 of little-endian float32 when asked (the openai SDK asks by default).
          const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
          return { object: 'embedding', index, embedding };
        }),
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
      return;
    }
    if (!path.endsWith('/chat/completions')) {
      sendJson(response, 404, { error: { message: `no route ${path}`, type: 'invalid_request_error', code: null } });
      return;
    }
    const toolNames = (body.tools ?? []).map((tool) => tool.function?.name ?? '').filter(Boolean);
    const answer = fakeAnswer(body.messages ?? [], toolNames, replyPrefix);
    const model = body.model ?? 'unknown';
    const usage = fakeUsage(request.body, 'text' in answer ? answer.text : answer.tool.arguments);
    if (body.stream) await streamAnswer(response, model, answer, body.stream_options?.include_usage ? usage : undefined, options.chunkDelayMs);
    else sendJson(response, 200, completionOf(model, answer, usage));
  };
}

function completionOf(model: string, answer: ReturnType<typeof fakeAnswer>, usage: ReturnType<typeof fakeUsage>): Record<string, unknown> {
  const message =
    'text' in answer
      ? { role: 'assistant', content: answer.text }
      : { role: 'assistant', content: null, tool_calls: [{ id: 'call_fake_1', type: 'function', function: answer.tool }] };
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message, finish_reason: 'text' in answer ? 'stop' : 'tool_calls' }],
    usage,
  };
}

async function streamAnswer(response: ServerResponse, model: string, answer: ReturnType<typeof fakeAnswer>, usage: ReturnType<typeof fakeUsage> | undefined, delayMs: number | undefined): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const events: string[] = [openAISseEvent(openAIChunk(model, { role: 'assistant', content: '' }))];
  if ('text' in answer) {
    for (const piece of answer.text.match(/\S+\s*/g) ?? []) events.push(openAISseEvent(openAIChunk(model, { content: piece })));
    events.push(openAISseEvent(openAIChunk(model, {}, 'stop')));
  } else {
    const half = Math.ceil(answer.tool.arguments.length / 2);
    events.push(
      openAISseEvent(openAIChunk(model, { tool_calls: [{ index: 0, id: 'call_fake_1', type: 'function', function: { name: answer.tool.name, arguments: answer.tool.arguments.slice(0, half) } }] })),
      openAISseEvent(openAIChunk(model, { tool_calls: [{ index: 0, function: { arguments: answer.tool.arguments.slice(half) } }] })),
      openAISseEvent(openAIChunk(model, {}, 'tool_calls')),
    );
  }
  if (usage) events.push(openAISseEvent({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [], usage }));
  events.push(openAISseEvent('[DONE]'));
  await writeSlowly(response, events, delayMs ? { delayMs } : {});
  if (!response.destroyed) response.end();
}

/**
 * An OpenAI-wire stream that never ends on its own: a chunk every `intervalMs` until the client
 * goes away (for client-abort tests: the upstream socket must close when the client leaves).
 *
 * @example
 * const upstream = await startFakeUpstream(endlessOpenAIStream({ intervalMs: 20 }));
 */
export function endlessOpenAIStream(options: { intervalMs?: number; maxChunks?: number } = {}): UpstreamHandler {
  return async (request, response) => {
    const model = ((request.json ?? {}) as WireRequest).model ?? 'unknown';
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(openAISseEvent(openAIChunk(model, { role: 'assistant', content: 'tick ' })));
    for (let index = 0; index < (options.maxChunks ?? 500) && !response.destroyed; index += 1) {
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
      if (!response.destroyed) response.write(openAISseEvent(openAIChunk(model, { content: `tick${index} ` })));
    }
    if (!response.destroyed) response.end(openAISseEvent('[DONE]'));
  };
}
