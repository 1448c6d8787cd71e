import { describeOpenAIWire } from '../shared/testing/openai-wire-suite';
import { createAzureOpenAIAdapter } from './azure-adapter';

describeOpenAIWire({
  name: 'azure adapter',
  createAdapter: (upstreamUrl) => createAzureOpenAIAdapter({ endpoint: upstreamUrl, apiKey: 'azure-key' }),
  chatPath: '/openai/deployments/gpt-4o-mini/chat/completions',
});
