import { expect } from 'vitest';
import { describeOpenAIToolRoundTrip } from '../shared/testing/openai-tool-round-trip-suite';
import { createOpenAIAdapter } from './openai-adapter';

describeOpenAIToolRoundTrip({
  name: 'openai adapter',
  createAdapter: (upstreamUrl) => createOpenAIAdapter({ baseURL: `${upstreamUrl}/v1`, apiKey: 'sk-round-trip' }),
  chatUrl: '/v1/chat/completions',
  assertAuth: (request) => expect(request.headers['authorization']).toBe('Bearer sk-round-trip'),
});
