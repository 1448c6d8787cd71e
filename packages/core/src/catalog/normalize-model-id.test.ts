import { describe, expect, it } from 'vitest';
import { normalizeModelId } from './normalize-model-id';

describe('normalizeModelId', () => {
  it.each([
    ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet'],
    ['anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0', 'nova-pro'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4-0613', 'gpt-4'],
    ['openrouter/anthropic/claude-3.5-sonnet', 'claude-3-5-sonnet'],
    ['claude-3-5-sonnet@20240620', 'claude-3-5-sonnet'],
    ['Gemini 2.5 Pro', 'gemini-2-5-pro'],
    ['mistral-large-latest', 'mistral-large'],
    ['meta.llama3-1-70b-instruct-v1:0', 'llama3-1-70b-instruct'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeModelId(input)).toBe(expected);
  });
});
