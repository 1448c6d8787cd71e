import { describe, expect, it } from 'vitest';
import { detectProvidersFromEnv } from './detect-providers';
import { secretValues } from './secret-values';

const FULL_ENV = {
  OPENAI_API_KEY: 'sk-openai-secret-1234',
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
  OPENAI_ORG_ID: 'org-1',
  ANTHROPIC_API_KEY: 'sk-ant-secret-5678',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE0001',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-value-0001',
  AWS_REGION: 'eu-central-1',
  AZURE_OPENAI_ENDPOINT: 'https://contoso.openai.azure.com',
  AZURE_OPENAI_API_KEY: 'azure-secret-value-01',
  OPENAI_API_VERSION: '2025-01-01-preview',
  GEMINI_API_KEY: 'gemini-secret-value-01',
  OLLAMA_HOST: '127.0.0.1:9',
};

describe('detectProvidersFromEnv', () => {
  it('finds nothing in an empty environment, and treats blank variables as unset', () => {
    expect(detectProvidersFromEnv({})).toEqual({ providers: [], notes: [] });
    expect(detectProvidersFromEnv({ OPENAI_API_KEY: '  ', GEMINI_API_KEY: '' }).providers).toEqual([]);
  });

  it('finds every provider the way its SDK reads the environment, naming the variables but never their values', () => {
    const { providers } = detectProvidersFromEnv(FULL_ENV);
    expect(providers.map((found) => [found.config.id, found.config.type])).toEqual([
      ['openai', 'openai'],
      ['anthropic', 'anthropic'],
      ['bedrock', 'bedrock'],
      ['azure', 'azure'],
      ['gemini', 'gemini'],
      ['ollama', 'ollama'],
    ]);
    expect(providers[0]?.variables).toEqual(['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID']);
    expect(providers[2]?.config.models).toContain('eu.amazon.nova-micro-v1:0');
    expect(providers[5]).toMatchObject({ discover: 'ollama-tags', config: { models: [] } });
    const printed = JSON.stringify(providers);
    for (const secret of secretValues(FULL_ENV)) expect(printed).not.toContain(secret);
  });

  it('accepts the alternative variables: GOOGLE_API_KEY, ANTHROPIC_AUTH_TOKEN, AWS_BEARER_TOKEN_BEDROCK with AWS_DEFAULT_REGION', () => {
    const { providers } = detectProvidersFromEnv({ GOOGLE_API_KEY: 'g-key-000000', ANTHROPIC_AUTH_TOKEN: 'token-000000', AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key-0000', AWS_DEFAULT_REGION: 'ap-southeast-2' });
    expect(providers.map((found) => found.config.id)).toEqual(['anthropic', 'bedrock', 'gemini']);
    expect(providers[1]?.config.models).toContain('apac.amazon.nova-lite-v1:0');
  });

  it('explains half-configured providers instead of enabling them', () => {
    const { providers, notes } = detectProvidersFromEnv({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE0001', AWS_SECRET_ACCESS_KEY: 'x'.repeat(20), AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' });
    expect(providers).toEqual([]);
    expect(notes.join('\n')).toMatch(/no region: Bedrock is not enabled/);
    expect(notes.join('\n')).toMatch(/needs both AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY/);
    expect(notes.join('\n')).toMatch(/OPENAI_BASE_URL is set but OPENAI_API_KEY is not/);
  });
});

describe('secretValues', () => {
  it('collects provider secrets, apiKeyEnv targets and *_API_KEY/_TOKEN/SECRET variables, longest first, skipping short values', () => {
    const values = secretValues({ OPENAI_API_KEY: 'sk-aaaaaaaaaa', MY_GROQ: 'gsk_bbbbbbbbbbbb', GITHUB_TOKEN: 'ghp_cccccccc', SHORT_API_KEY: 'abc', PATH: '/usr/bin:/bin' }, [{ id: 'groq', models: ['x'], options: { apiKeyEnv: 'MY_GROQ' } }]);
    expect(values).toEqual(['gsk_bbbbbbbbbbbb', 'sk-aaaaaaaaaa', 'ghp_cccccccc']);
  });
});
