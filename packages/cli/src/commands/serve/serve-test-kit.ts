import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sendJson, startFakeUpstream, writeSlowly, type FakeUpstream, type RecordedRequest } from '@refract/test-support';
import { startServe, type RunningServe } from './start-serve';

/** Starts `refract serve` in-process on a free loopback port; lines it logs are collected. */
export async function serveForTest(options: { env?: Record<string, string>; config?: unknown; shutdownTimeoutMs?: number } = {}): Promise<RunningServe & { logs: string[] }> {
  const logs: string[] = [];
  let config: string | undefined;
  const cwd = mkdtempSync(join(tmpdir(), 'refract-serve-'));
  if (options.config !== undefined) {
    config = 'refract.config.json';
    writeFileSync(join(cwd, config), JSON.stringify(options.config));
  }
  const running = await startServe({ host: '127.0.0.1', port: 0, config, allowOpen: false, shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5000, env: options.env ?? {}, cwd, log: (line) => logs.push(line) });
  return Object.assign(running, { logs });
}

/** POSTs JSON to a path of the server. */
export function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The `data:` events of an SSE response, JSON-parsed, and whether `[DONE]` ended it. */
export async function readSse(response: Response): Promise<{ events: Record<string, unknown>[]; done: boolean }> {
  const text = await response.text();
  const events: Record<string, unknown>[] = [];
  let done = false;
  for (const block of text.split('\n\n')) {
    const data = block.split('\n').find((line) => line.startsWith('data: '))?.slice('data: '.length);
    if (data === undefined) continue;
    if (data === '[DONE]') done = true;
    else events.push(JSON.parse(data) as Record<string, unknown>);
  }
  return { events, done };
}

/** A config file's `serve`-less router section needs nothing else: the fake is an OpenAI-compatible server. */
export interface FakeOpenAI extends FakeUpstream {
  chats(): RecordedRequest[];
}

/**
 * A local OpenAI-compatible upstream: JSON or SSE chat completions that echo the model, `/models`.
 * `chunkDelayMs` slows streams down (for shutdown tests); `fail` answers every chat with that error;
 * `verdict` is the JSON a classifier call (`response_format` named `route_classification`) gets.
 */
export async function fakeOpenAI(options: { chunkDelayMs?: number; fail?: { status: number; body: unknown }; verdict?: Record<string, unknown> } = {}): Promise<FakeOpenAI> {
  const upstream = await startFakeUpstream(async (request, response) => {
    if (request.url.endsWith('/models')) return sendJson(response, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'fake' }] });
    if (options.fail) return sendJson(response, options.fail.status, options.fail.body);
    const body = request.json as { model: string; stream?: boolean; response_format?: { json_schema?: { name?: string } } };
    if (!body.stream) {
      const classifying = options.verdict !== undefined && body.response_format?.json_schema?.name === 'route_classification';
      const content = classifying ? JSON.stringify(options.verdict) : `fake answer from ${body.model}`;
      return sendJson(response, 200, { id: 'chatcmpl-fake', object: 'chat.completion', created: 1, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 } });
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: unknown, finish: string | null): string => `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const words = ['one ', 'two ', 'three ', 'four ', 'five'];
    await writeSlowly(
      response,
      [chunk({ role: 'assistant', content: '' }, null), ...words.map((word) => chunk({ content: word }, null)), chunk({}, 'stop'), `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`, 'data: [DONE]\n\n'],
      { delayMs: options.chunkDelayMs ?? 0 },
    );
    response.end();
  });
  return Object.assign(upstream, { chats: () => upstream.requests.filter((request) => request.url.endsWith('/chat/completions')) });
}
