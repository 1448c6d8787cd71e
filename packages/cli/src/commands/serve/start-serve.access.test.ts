import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiKey } from '@refract/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli';
import { captureIO } from '../../testing/capture-io';
import { bindRefusal } from './bind-policy';
import { isLoopbackHost } from './loopback';
import { post, serveForTest } from './serve-test-kit';
import type { RunningServe } from './start-serve';

let server: RunningServe | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const HELLO = { model: 'auto', messages: [{ role: 'user', content: 'hello' }] };
const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

async function runServe(args: string[], files: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'refract-serve-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), typeof content === 'string' ? content : JSON.stringify(content));
  const captured = captureIO({ cwd });
  const code = await runCli(['serve', ...args], { ...captured.io, env });
  return { code, stderr: captured.stderr() };
}

describe('who may call refract serve', () => {
  it('requires keys once the config declares tenants and keys (values from the environment, only hashes stored)', async () => {
    const acmeKey = 'acme-key-0123456789abcdef';
    const betaKey = 'rk_beta0123456789abcdefghij';
    server = await serveForTest({
      env: { ACME_API_KEY: acmeKey },
      config: { tenants: [{ slug: 'acme' }, { slug: 'beta' }], serve: { apiKeys: [{ tenant: 'acme', keyEnv: 'ACME_API_KEY', label: 'ci' }, { tenant: 'beta', sha256: hashApiKey(betaKey) }] } },
    });
    expect(server.banner).toContain('API keys required: 2 tenant(s) in the config (acme, beta), 2 key(s) declared');
    expect(server.banner).toContain('-H "authorization: Bearer $REFRACT_API_KEY"');
    const anonymous = await post(server.url, '/v1/chat/completions', HELLO);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { type: 'authentication_error', code: 'missing_api_key' } });
    expect((await post(server.url, '/v1/chat/completions', HELLO, { authorization: 'Bearer wrong-key-0000000000' })).status).toBe(401);
    expect((await post(server.url, '/v1/chat/completions', HELLO, { authorization: `Bearer ${acmeKey}` })).status).toBe(200);
    expect((await post(server.url, '/v1/chat/completions', HELLO, { authorization: `Bearer ${betaKey}` })).status).toBe(200);
    expect((await post(server.url, '/api/beta/v1/chat/completions', HELLO, { authorization: `Bearer ${acmeKey}` })).status).toBe(401);
    const stored = await server.storage.listApiKeys('acme');
    expect(stored.map((key) => [key.prefix, key.label])).toEqual([['env:ACME_API_KEY', 'ci']]);
    expect(JSON.stringify(stored)).not.toContain(acmeKey);
  });

  it('is open until the first key is created through the admin API, then requires keys', async () => {
    server = await serveForTest({ env: { REFRACT_ADMIN_TOKEN: ADMIN_TOKEN } });
    expect(server.banner).toContain('Admin API:  enabled at /admin');
    expect(server.banner).toContain('keys are enforced from the first key created through the admin API');
    expect((await post(server.url, '/v1/chat/completions', HELLO)).status).toBe(200);
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    expect((await post(server.url, '/admin/tenants', { slug: 'acme' }, admin)).status).toBe(201);
    const created = (await (await post(server.url, '/admin/tenants/acme/keys', { label: 'first' }, admin)).json()) as { api_key: string };
    expect((await post(server.url, '/v1/chat/completions', HELLO)).status).toBe(401);
    const keyed = await post(server.url, '/v1/chat/completions', HELLO, { authorization: `Bearer ${created.api_key}` });
    expect(keyed.status).toBe(200);
  });

  it('refuses to serve without keys on a non-loopback address unless --allow-open (exit 2, before binding)', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'example.com']) {
      const { code, stderr } = await runServe(['--host', host, '--port', '0']);
      expect(code).toBe(2);
      expect(stderr).toContain(`refract serve: refusing to listen on ${host} without API keys`);
      expect(stderr).toContain('--allow-open');
    }
    expect(bindRefusal({ auth: 'auto', host: '0.0.0.0', allowOpen: true })).toBeUndefined();
    expect(bindRefusal({ auth: 'required', host: '0.0.0.0', allowOpen: false })).toBeUndefined();
    expect(bindRefusal({ auth: 'auto', host: 'localhost', allowOpen: false })).toBeUndefined();
    expect(['127.0.0.1', '127.3.4.5', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '::ffff:10.0.0.1', 'my-host'].some(isLoopbackHost)).toBe(false);
  });

  it('exits 2 with every problem named for bad arguments and bad config files', async () => {
    const cases: [string[], Record<string, unknown>, Record<string, string>, RegExp[]][] = [
      [['--port', '70000'], {}, {}, [/--port must be a whole number from 0 to 65535/]],
      [['--port', '0', '--config', 'missing.json'], {}, {}, [/cannot read config file missing\.json: no such file/]],
      [['--port', '0', '--config', 'bad.json'], { 'bad.json': '{"providers": [' }, {}, [/bad\.json is not valid JSON/]],
      [['--port', '0', '--config', 'c.json'], { 'c.json': { routing: { costMode: 'cheap' } } }, {}, [/invalid router config in c\.json/, /routing\.costMode/]],
      [['--port', '0', '--config', 'c.json'], { 'c.json': { providers: [{ id: 'groq', options: { baseURL: 'http://127.0.0.1:9/v1', apiKey: 'gsk_literal_secret' } }] } }, {}, [/provider 'groq' \(from c\.json\) cannot be used/, /options\.apiKey holds a secret/]],
      [['--port', '0', '--config', 'c.json'], { 'c.json': { providers: [{ id: 'x', type: 'cohere' }] } }, {}, [/providers\.0\.models: list the models of provider type 'cohere'/]],
      [
        ['--port', '0', '--config', 'c.json'],
        { 'c.json': { tenants: [{ slug: 'acme' }], serve: { apiKeys: [{ tenant: 'nobody', keyEnv: 'K' }, { tenant: 'acme', key: 'plain' }, { tenant: 'acme', keyEnv: 'SHORT' }], port: 1 } } },
        { SHORT: 'abc' },
        [/serve\.port: unknown key/, /serve\.apiKeys\.1\.key: unknown key \(never write a key into the file/, /serve\.apiKeys\.1: give exactly one of "keyEnv" and "sha256"/],
      ],
      [['--port', '0', '--config', 'c.json'], { 'c.json': { tenants: [{ slug: 'acme' }], serve: { apiKeys: [{ tenant: 'nobody', keyEnv: 'K' }, { tenant: 'acme', keyEnv: 'SHORT' }] } } }, { SHORT: 'abc' }, [/serve\.apiKeys\.0\.tenant: no tenant 'nobody'/, /the key in SHORT is shorter than 16 characters/]],
      [['--port', '0'], {}, { REFRACT_ADMIN_TOKEN: 'short' }, [/REFRACT_ADMIN_TOKEN must be at least 24 characters/]],
    ];
    for (const [args, files, env, messages] of cases) {
      const { code, stderr } = await runServe(args, files, env);
      expect(code, args.join(' ')).toBe(2);
      for (const message of messages) expect(stderr).toMatch(message);
    }
  });
});
