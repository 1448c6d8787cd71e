import type { ProviderAdapter, ProviderConfigInput } from '@refract/core';
import { createBedrockAdapter } from '../../bedrock';
import { nonEmpty, ProviderOptions, type Environment } from '../provider-options';

/**
 * An Amazon Bedrock adapter from a provider config: `region` (else `AWS_REGION`,
 * `AWS_DEFAULT_REGION`), `endpoint`, and credentials from the environment as the AWS SDKs read
 * them (`AWS_BEARER_TOKEN_BEDROCK`, else `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` +
 * `AWS_SESSION_TOKEN`), or a Bedrock API key from the variable `apiKeyEnv` names. As in the AWS
 * SDKs, `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` (else `AWS_ENDPOINT_URL`) replaces the runtime endpoint.
 */
export function bedrockFromConfig(provider: ProviderConfigInput, env: Environment): ProviderAdapter {
  const options = new ProviderOptions(provider.id, provider.options, { region: 'string', endpoint: 'string', controlPlaneEndpoint: 'string' }, env);
  const apiKey = options.apiKey(undefined);
  const hasEnvironmentCredentials = nonEmpty(env['AWS_BEARER_TOKEN_BEDROCK']) !== undefined || (nonEmpty(env['AWS_ACCESS_KEY_ID']) !== undefined && nonEmpty(env['AWS_SECRET_ACCESS_KEY']) !== undefined);
  if (apiKey === undefined && !hasEnvironmentCredentials) {
    throw options.problem('apiKeyEnv', 'is needed: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_BEARER_TOKEN_BEDROCK), or name a Bedrock API key variable with "apiKeyEnv"');
  }
  const region = options.string('region');
  const endpoint = options.string('endpoint') ?? nonEmpty(env['AWS_ENDPOINT_URL_BEDROCK_RUNTIME']) ?? nonEmpty(env['AWS_ENDPOINT_URL']);
  const controlPlaneEndpoint = options.string('controlPlaneEndpoint');
  return createBedrockAdapter({
    ...options.base(),
    env: { ...env },
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(controlPlaneEndpoint !== undefined ? { controlPlaneEndpoint } : {}),
  });
}
