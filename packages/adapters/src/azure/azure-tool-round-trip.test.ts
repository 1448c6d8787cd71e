import { expect } from 'vitest';
import { describeOpenAIToolRoundTrip } from '../shared/testing/openai-tool-round-trip-suite';
import { createAzureOpenAIAdapter } from './azure-adapter';

// The seed stripped tool_calls from every message sent to Azure; the exact bodies asserted here
// carry the assistant tool calls and the tool results through both turns.
describeOpenAIToolRoundTrip({
  name: 'azure adapter (deployment route, api-key)',
  createAdapter: (upstreamUrl) => createAzureOpenAIAdapter({ endpoint: `${upstreamUrl}/`, apiKey: 'azure-key', deployments: { 'gpt-4o': 'gpt4o-prod' } }),
  chatUrl: '/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21',
  assertAuth: (request) => {
    expect(request.headers['api-key']).toBe('azure-key');
    expect(request.headers['authorization']).toBeUndefined();
  },
});

describeOpenAIToolRoundTrip({
  name: 'azure adapter (v1 API, Entra ID token)',
  createAdapter: (upstreamUrl) =>
    createAzureOpenAIAdapter({ endpoint: `${upstreamUrl}/openai/v1`, apiVersion: 'v1', getToken: () => 'entra-token', deployments: { 'gpt-4o': 'gpt4o-prod' } }),
  chatUrl: '/openai/v1/chat/completions',
  assertAuth: (request) => expect(request.headers['authorization']).toBe('Bearer entra-token'),
  bodyOverrides: { model: 'gpt4o-prod' },
});
