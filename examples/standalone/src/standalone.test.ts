import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// In your project this is `npx refract serve …`; inside the repository the test runs the CLI from source.
const CLI = fileURLToPath(new URL('../../../packages/cli/src/main.ts', import.meta.url));
const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));
const TEAM_A_KEY = 'team-a-key-0123456789abcdef';
const TEAM_B_KEY = 'team-b-key-0123456789abcdef';

let upstream: Server;
let server: ChildProcess;
let base = '';
const seen: { path: string; auth: string | undefined; model: string }[] = [];

/** A stand-in for both vendors: OpenAI's /v1/chat/completions and Anthropic's /v1/messages. */
function fakeProviders(): Promise<Server> {
  const fake = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const json = JSON.parse(body || '{}') as { model: string; stream?: boolean };
      seen.push({ path: request.url ?? '', auth: (request.headers['authorization'] ?? request.headers['x-api-key']) as string | undefined, model: json.model });
      response.writeHead(200, { 'content-type': json.stream ? 'text/event-stream' : 'application/json' });
      if (request.url === '/v1/messages') {
        response.end(JSON.stringify({ id: 'msg_1', type: 'message', role: 'assistant', model: json.model, content: [{ type: 'text', text: 'Hamlet avenges his father.' }], stop_reason: 'end_turn', usage: { input_tokens: 20, output_tokens: 6 } }));
      } else if (json.stream) {
        const chunk = (delta: object, finish: string | null) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: json.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        response.end(chunk({ role: 'assistant', content: 'Hamlet ' }, null) + chunk({ content: 'avenges.' }, null) + chunk({}, 'stop') + `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: json.model, choices: [], usage: { prompt_tokens: 20, completion_tokens: 3, total_tokens: 23 } })}\n\ndata: [DONE]\n\n`);
      } else {
        response.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: json.model, choices: [{ index: 0, message: { role: 'assistant', content: 'Hamlet avenges his father.' }, finish_reason: 'stop' }], usage: { prompt_tokens: 20, completion_tokens: 6, total_tokens: 26 } }));
      }
    });
  });
  return new Promise((resolve) => fake.listen(0, '127.0.0.1', () => resolve(fake)));
}

beforeAll(async () => {
  upstream = await fakeProviders();
  const fakeUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  server = spawn(process.execPath, ['--conditions=@refract/source', '--import', 'tsx', CLI, 'serve', '--config', 'refract.config.json', '--port', '0'], {
    cwd: EXAMPLE_DIR,
    env: {
      PATH: process.env['PATH'] ?? '',
      OPENAI_API_KEY: 'sk-fake-openai',
      OPENAI_BASE_URL: `${fakeUrl}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-fake',
      ANTHROPIC_BASE_URL: fakeUrl,
      TEAM_A_API_KEY: TEAM_A_KEY,
      TEAM_B_API_KEY: TEAM_B_KEY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 45_000;
  while (!/at (http:\/\/127\.0\.0\.1:\d+)\/v1/.test(output)) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`refract serve did not start:\n${output}`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
  base = /at (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(output)?.[1] ?? '';
}, 60_000);

afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise<void>((resolve) => upstream?.close(() => resolve()));
});

const ask = (key: string | undefined, body: object): Promise<Response> =>
  fetch(`${base}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });

describe('refract serve from refract.config.json', () => {
  it('needs a tenant key', async () => {
    const response = await ask(undefined, { model: 'auto', messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'missing_api_key' } });
  });

  it('routes a request of team A among the configured models and tells how', async () => {
    const response = await ask(TEAM_A_KEY, { model: 'auto', messages: [{ role: 'user', content: 'Summarise the plot of Hamlet.' }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: { message: { content: string } }[]; auto_routing: { provider: string; model: string; cost_mode: string }; cost_info: { cost_usd: number } };
    expect(body.choices[0]?.message.content).toBe('Hamlet avenges his father.');
    expect(['openai', 'anthropic']).toContain(body.auto_routing.provider);
    expect(body.auto_routing.cost_mode).toBe('economy');
    expect(response.headers.get('x-refract-model')).toBe(body.auto_routing.model);
    expect(seen.at(-1)?.model).toBe(body.auto_routing.model);
    expect(seen.at(-1)?.auth).toMatch(/^(Bearer sk-fake-openai|sk-ant-fake)$/);
  });

  it('keeps team B off Anthropic, in JSON and in streams', async () => {
    for (const stream of [false, true]) {
      const response = await ask(TEAM_B_KEY, { model: 'auto', stream, messages: [{ role: 'user', content: 'Write a sonnet about the sea, in the style of Shakespeare.' }] });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-refract-provider')).toBe('openai');
      const text = await response.text();
      if (stream) expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    }
    const denied = await ask(TEAM_B_KEY, { model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }] });
    expect(denied.status).toBe(403);
  });
});
