/**
 * `@refract/adapters/azure`: Azure OpenAI deployments over the Chat Completions API.
 *
 * @example
 * import { createAzureOpenAIAdapter } from '@refract/adapters/azure';
 * const azure = createAzureOpenAIAdapter({ endpoint: 'https://contoso.openai.azure.com', apiKey: process.env.AZURE_OPENAI_API_KEY });
 */
export { createAzureOpenAIAdapter } from './azure-adapter';
export type { AzureOpenAIAdapterOptions } from './azure-options';
