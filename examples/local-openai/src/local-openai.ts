import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalOpenAI {
  /** `http://127.0.0.1:<port>/v1`: pass it as `baseURL` to `createOpenAIAdapter`. */
  baseURL: string;
  close(): Promise<void>;
}

/**
 * A stand-in for an OpenAI-compatible provider, for running the examples without an API key.
 * It echoes the last user message (`[gpt-4o-mini] You said: …`), as JSON or as a stream with
 * usage, and lists its models. Not a model, not for production.
 *
 * @example
 * const local = await startLocalOpenAI();
 * const adapter = createOpenAIAdapter({ baseURL: local.baseURL, apiKey: 'local' });
 */
export async function startLocalOpenAI(options: { port?: number } = {}): Promise<LocalOpenAI> {
  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: { message: String(error), type: 'server_error', code: null } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ChatBody {
  model?: string;
  stream?: boolean;
  messages?: { role?: string; content?: unknown }[];
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method === 'GET' && path === '/v1/models') {
    send(response, 200, { object: 'list', data: ['gpt-4o-mini', 'gpt-4o'].map((id) => ({ id, object: 'model', created: 0, owned_by: 'local' })) });
    return;
  }
  if (request.method !== 'POST' || path !== '/v1/chat/completions') {
    send(response, 404, { error: { message: `no route for ${request.method} ${path}`, type: 'invalid_request_error', code: null } });
    return;
  }
  let raw = '';
  for await (const chunk of request) raw += String(chunk);
  const body = JSON.parse(raw) as ChatBody;
  const model = body.model ?? 'gpt-4o-mini';
  const lastUser = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
  const said = typeof lastUser?.content === 'string' ? lastUser.content : '(no text)';
  const text = `[${model}] You said: ${said}`;
  const usage = { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: text.split(' ').length, total_tokens: Math.ceil(raw.length / 4) + text.split(' ').length };
  const base = { id: 'chatcmpl-local', created: Math.floor(Date.now() / 1000), model };
  if (!body.stream) {
    send(response, 200, { ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage });
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const event = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;
  const chunk = (delta: object, finish: string | null = null) => ({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] });
  response.write(event(chunk({ role: 'assistant', content: '' })));
  for (const word of text.match(/\S+\s*/g) ?? []) {
    response.write(event(chunk({ content: word })));
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  response.write(event(chunk({}, 'stop')));
  response.write(event({ ...base, object: 'chat.completion.chunk', choices: [], usage }));
  response.end('data: [DONE]\n\n');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
