import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, ProviderError, RefractError } from '@refract/core';
import { createBedrockAdapter, type BedrockAdapterOptions } from './index';
import { resolveEndpoints, regionOf } from './bedrock-endpoints';
import { JSON_HEADERS, MODEL, REGION, TEST_TIME, mockBedrock } from './bedrock-test-kit';

const OK = JSON.stringify({ output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1 } });
const REQUEST = { model: MODEL, messages: [{ role: 'user' as const, content: 'hi' }] };

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function headersSent(options: BedrockAdapterOptions, calls = 1): Promise<Record<string, string>[]> {
  const mock = mockBedrock();
  close = () => mock.agent.close();
  for (let index = 0; index < calls; index += 1) mock.reply('converse', 200, OK, JSON_HEADERS);
  const adapter = createBedrockAdapter({ region: REGION, clock: new ManualClock(TEST_TIME), dispatcher: mock.agent, ...options });
  for (let index = 0; index < calls; index += 1) await adapter.chat(REQUEST);
  return mock.calls.map((call) => call.headers);
}

describe('credentials', () => {
  it('signs with the environment keys and session token, like the AWS SDK', async () => {
    const [headers] = await headersSent({ env: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session-token' } });
    expect(headers?.['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAENV\/20250102\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(headers?.['x-amz-date']).toBe('20250102T030405Z');
    expect(headers?.['x-amz-security-token']).toBe('session-token');
  });

  it('sends a Bedrock API key as a bearer token, from the option or AWS_BEARER_TOKEN_BEDROCK', async () => {
    const [fromOption] = await headersSent({ apiKey: 'bedrock-api-key-1', env: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'secret' } });
    expect(fromOption?.['authorization']).toBe('Bearer bedrock-api-key-1');
    expect(fromOption?.['x-amz-date']).toBeUndefined();
    const [fromEnv] = await headersSent({ env: { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-2', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'secret' } });
    expect(fromEnv?.['authorization']).toBe('Bearer bedrock-api-key-2');
  });

  it('prefers explicit credentials over the environment API key', async () => {
    const [headers] = await headersSent({ credentials: { accessKeyId: 'AKIAOPT', secretAccessKey: 's' }, env: { AWS_BEARER_TOKEN_BEDROCK: 'env-key' } });
    expect(headers?.['authorization']).toContain('Credential=AKIAOPT/');
  });

  it('calls a credentials function again only when its credentials are about to expire', async () => {
    const clock = new ManualClock(TEST_TIME);
    let calls = 0;
    const credentials = async () => {
      calls += 1;
      return { accessKeyId: `AKIA${calls}`, secretAccessKey: 's', sessionToken: `t${calls}`, expiration: new Date(clock.now() + 10 * 60_000) };
    };
    const mock = mockBedrock();
    close = () => mock.agent.close();
    for (let index = 0; index < 3; index += 1) mock.reply('converse', 200, OK, JSON_HEADERS);
    const adapter = createBedrockAdapter({ region: REGION, clock, credentials, env: {}, dispatcher: mock.agent });
    await adapter.chat(REQUEST);
    clock.advance(4 * 60_000); // 6 minutes left: still fresh
    await adapter.chat(REQUEST);
    clock.advance(2 * 60_000); // 4 minutes left: refreshed
    await adapter.chat(REQUEST);
    expect(calls).toBe(2);
    expect(mock.calls.map((call) => call.headers['x-amz-security-token'])).toEqual(['t1', 't1', 't2']);
  });

  it('fails clearly, without calling Bedrock, when no credentials are found', async () => {
    const mock = mockBedrock();
    close = () => mock.agent.close();
    const adapter = createBedrockAdapter({ region: REGION, env: {}, dispatcher: mock.agent });
    const thrown = await adapter.chat(REQUEST).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({ kind: 'auth', retryable: false });
    expect((thrown as Error).message).toMatch(/AWS_ACCESS_KEY_ID.*Profiles, SSO/s);
    expect(mock.calls).toHaveLength(0);
    const streamed = adapter.stream(REQUEST)[Symbol.asyncIterator]().next();
    await expect(streamed).rejects.toMatchObject({ kind: 'auth' });
  });

  it('reports a failing credentials function as an auth error', async () => {
    const adapter = createBedrockAdapter({ region: REGION, env: {}, credentials: async () => Promise.reject(new Error('sso expired')) });
    await expect(adapter.chat(REQUEST)).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('sso expired') });
  });
});

describe('region and endpoints', () => {
  it('reads AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(resolveEndpoints({}, { AWS_REGION: 'eu-west-3', AWS_DEFAULT_REGION: 'us-west-2' }).runtime).toBe('https://bedrock-runtime.eu-west-3.amazonaws.com');
    expect(resolveEndpoints({}, { AWS_DEFAULT_REGION: 'us-west-2' })).toEqual({
      region: 'us-west-2',
      runtime: 'https://bedrock-runtime.us-west-2.amazonaws.com',
      control: 'https://bedrock.us-west-2.amazonaws.com',
    });
  });

  it('takes a custom (VPC) endpoint and reads its region', () => {
    const endpoint = 'https://vpce-0abc-xyz.bedrock-runtime.ap-southeast-2.vpce.amazonaws.com/';
    expect(regionOf(endpoint)).toBe('ap-southeast-2');
    expect(resolveEndpoints({ endpoint }, {})).toMatchObject({ region: 'ap-southeast-2', runtime: endpoint.replace(/\/$/, '') });
  });

  it('refuses a configuration without region or endpoint', () => {
    expect(() => createBedrockAdapter({ env: {} })).toThrow(RefractError);
    expect(() => createBedrockAdapter({ env: {} })).toThrow(/AWS_REGION/);
  });

  it('refuses an endpoint that is not an http(s) URL', () => {
    expect(() => createBedrockAdapter({ env: {}, region: REGION, endpoint: 'bedrock.internal' })).toThrow(/http\(s\) URL/);
  });
});
