import { BedrockAdapter } from './bedrock-adapter';
import type { BedrockAdapterOptions } from './bedrock-options';
import type { ProviderAdapter } from '@refract/core';

export type { BedrockAdapterOptions, BedrockEmbeddingOptions, AwsCredentials, AwsCredentialSource, CohereInputType } from './bedrock-options';

/**
 * An adapter for Amazon Bedrock (Converse / ConverseStream, Titan and Cohere embeddings), signed
 * with SigV4 through node:crypto or authenticated with a Bedrock API key; no AWS SDK.
 *
 * @example
 * import { createBedrockAdapter } from '@refract/adapters/bedrock';
 * const bedrock = createBedrockAdapter({ region: 'us-east-1' }); // keys from AWS_ACCESS_KEY_ID/…
 * const { response } = await bedrock.chat({
 *   model: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 */
export function createBedrockAdapter(options: BedrockAdapterOptions = {}): ProviderAdapter {
  return new BedrockAdapter(options);
}
