import { describeOpenAIWire } from '../shared/testing/openai-wire-suite';
import { createOpenAIAdapter } from './openai-adapter';

describeOpenAIWire({
  name: 'openai adapter',
  createAdapter: (upstreamUrl) => createOpenAIAdapter({ baseURL: `${upstreamUrl}/v1`, apiKey: 'sk-test' }),
  chatPath: '/v1/chat/completions',
});
