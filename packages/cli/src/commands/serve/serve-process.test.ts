import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { secretValues } from '@refract/adapters';
import { sendJson, sharedPath, startFakeUpstream, writeSlowly, type FakeUpstream } from '@refract/test-support';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));
const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..', '..');

interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

let running: ServeProcess | undefined;
let upstream: FakeUpstream | undefined;
afterEach(async () => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
  await upstream?.close();
  running = undefined;
  upstream = undefined;
});

/** Runs the real `refract serve` process from source, with outbound connections limited to loopback. */
async function spawnServe(env: Record<string, string>): Promise<ServeProcess> {
  const guard = join(sharedPath(), 'peerbench', 'lib', 'loopback-guard.cjs');
  const child = spawn(process.execPath, ['--conditions=@refract/source', '--require', guard, '--import', 'tsx', MAIN, 'serve', '--port', '0', '--shutdown-timeout', '5000'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const deadline = Date.now() + 45_000;
  while (!stdout.includes('Press Ctrl+C to stop.')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`refract serve did not start:\n${stdout}\n${stderr}`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
  const url = /serving the OpenAI-compatible API at (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(stdout)?.[1];
  if (!url) throw new Error(`no URL in the banner:\n${stdout}`);
  return { child, url, stdout: () => stdout, stderr: () => stderr, exited };
}

/**
 * A fake upstream for every provider type that answers like a provider refusing a key: the error
 * message quotes the credential it received (as some providers partly do). A prompt containing
 * "succeed" gets an answer; "slow" gets a slow stream.
 */
async function leakyUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream(async (request, response) => {
    const prompt = JSON.stringify(request.json ?? '');
    if (prompt.includes('succeed') || prompt.includes('slow')) {
      const model = (request.json as { model?: string }).model ?? 'm';
      if (!prompt.includes('slow')) return sendJson(response, 200, { id: 'c1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } });
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (content: string): string => `data: ${JSON.stringify({ id: 'c2', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      await writeSlowly(response, [chunk('a'), chunk('b'), chunk('c'), chunk('d'), `data: ${JSON.stringify({ id: 'c2', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`, 'data: [DONE]\n\n'], { delayMs: 150 });
      response.end();
      return;
    }
    const credential = String(request.headers['authorization'] ?? request.headers['x-api-key'] ?? request.headers['api-key'] ?? '');
    sendJson(response, 401, { error: { message: `Incorrect API key provided: ${credential}`, type: 'invalid_request_error', code: 'invalid_api_key' }, type: 'error', message: `bad credential ${credential}` });
  });
}

describe('the refract serve process', () => {
  it('never prints or returns a provider key, and on SIGTERM finishes the stream in flight, flushes records and exits 0', async () => {
    upstream = await leakyUpstream();
    const env = {
      OPENAI_API_KEY: 'sk-proc-secret-openai-0001',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-proc-secret-0002',
      ANTHROPIC_BASE_URL: upstream.url,
      AZURE_OPENAI_ENDPOINT: upstream.url,
      AZURE_OPENAI_API_KEY: 'azure-proc-secret-0003',
      GEMINI_API_KEY: 'gemini-proc-secret-0004',
      AWS_ACCESS_KEY_ID: 'AKIAPROCSECRET00005',
      AWS_SECRET_ACCESS_KEY: 'aws-proc-secret-value-0006',
      AWS_SESSION_TOKEN: 'aws-proc-session-token-0007',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: upstream.url,
    };
    running = await spawnServe(env);
    expect(running.stdout()).toMatch(/openai\s+5 models/);
    expect(running.stdout()).toMatch(/bedrock\s+6 models/);

    const bodies: string[] = [];
    // Named models, so no request goes to Gemini's real endpoint (the loopback guard would refuse it anyway).
    for (const model of ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5', 'azure/gpt-4o-mini', 'bedrock/us.amazon.nova-micro-v1:0']) {
      const response = await fetch(`${running.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'fail please' }] }) });
      expect(response.status, model).toBeGreaterThanOrEqual(400);
      bodies.push(await response.text());
    }
    expect(bodies.join('\n')).toContain('[redacted]');
    const ok = await fetch(`${running.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'succeed' }] }) });
    expect(ok.status).toBe(200);

    const slow = await fetch(`${running.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'slow' }] }) });
    const reading = slow.text();
    running.child.kill('SIGTERM');
    const streamed = await reading;
    expect(streamed).toContain('data: [DONE]');
    expect(streamed).not.toContain('"error"');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toMatch(/refract serve: SIGTERM: stopping, waiting up to 5000 ms for 1 request\(s\) in flight/);
    expect(running.stdout()).toMatch(/refract serve: stopped; 6 request record\(s\) written/);

    const everything = [running.stdout(), running.stderr(), ...bodies].join('\n');
    const secrets = secretValues(env);
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) expect(everything, `leaked ${secret.slice(0, 6)}…`).not.toContain(secret);
  }, 90_000);
});
