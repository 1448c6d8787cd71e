import type { ProviderConfigInput } from '@refract/core';
import { createAzureOpenAIAdapter } from '../../azure/azure-adapter';
import { DEFAULT_AZURE_API_VERSION } from '../../azure/azure-options';
import type { ClosableProviderAdapter } from '../../shared';
import { nonEmpty, ProviderOptions, type Environment } from '../provider-options';

/**
 * An Azure OpenAI adapter from a provider config: `endpoint` or `resourceName` (else
 * `AZURE_OPENAI_ENDPOINT`), `apiVersion` (else `OPENAI_API_VERSION`, `AZURE_OPENAI_API_VERSION`,
 * `2024-10-21`), `deployments` (model id → deployment name). `AZURE_OPENAI_API_KEY` is used only
 * with the endpoint from the environment; a configured endpoint names its key with `apiKeyEnv`.
 */
export function azureFromConfig(provider: ProviderConfigInput, env: Environment): ClosableProviderAdapter {
  const options = new ProviderOptions(provider.id, provider.options, { endpoint: 'string', resourceName: 'string', apiVersion: 'string', deployments: 'string-record' }, env);
  const configuredEndpoint = options.string('endpoint');
  const resourceName = options.string('resourceName');
  if (configuredEndpoint !== undefined && resourceName !== undefined) throw options.problem('resourceName', 'and "endpoint" are both set: give one of them');
  const fromEnvironment = configuredEndpoint === undefined && resourceName === undefined;
  const endpoint = configuredEndpoint ?? (fromEnvironment ? nonEmpty(env['AZURE_OPENAI_ENDPOINT']) : undefined);
  if (endpoint === undefined && resourceName === undefined) throw options.problem('endpoint', 'is missing: set AZURE_OPENAI_ENDPOINT, or give "endpoint" or "resourceName"');
  const apiKey = options.apiKey(fromEnvironment ? 'AZURE_OPENAI_API_KEY' : undefined);
  if (apiKey === undefined) throw options.problem('apiKeyEnv', 'is needed: set AZURE_OPENAI_API_KEY (with AZURE_OPENAI_ENDPOINT), or name the key variable with "apiKeyEnv"');
  const apiVersion = options.string('apiVersion') ?? nonEmpty(env['OPENAI_API_VERSION']) ?? nonEmpty(env['AZURE_OPENAI_API_VERSION']) ?? DEFAULT_AZURE_API_VERSION;
  const deployments = options.record('deployments');
  return createAzureOpenAIAdapter({
    ...options.base(),
    ...(resourceName !== undefined ? { resourceName } : { endpoint: endpoint as string }),
    apiVersion,
    apiKey,
    ...(deployments ? { deployments } : {}),
  });
}
