import { ProviderError, RefractError } from '@refract/core';
import { HttpClient, messageOf, type ClosableProviderAdapter } from '../shared';
import { OpenAIChatApi } from '../openai/openai-chat-api';
import { DEFAULT_AZURE_API_VERSION, type AzureOpenAIAdapterOptions } from './azure-options';

/**
 * Creates an adapter for Azure OpenAI deployments over the Chat Completions API (chat, streams
 * with usage and content-filter results, embeddings). It shares the OpenAI adapter's translation
 * code: requests pass through unchanged, tool-call history included.
 *
 * @example
 * const azure = createAzureOpenAIAdapter({
 *   resourceName: 'contoso-eu',
 *   apiKey: process.env.AZURE_OPENAI_API_KEY,
 *   deployments: { 'gpt-4o': 'gpt4o-prod' },
 * });
 * const { response } = await azure.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createAzureOpenAIAdapter(options: AzureOpenAIAdapterOptions): ClosableProviderAdapter {
  const id = options.id ?? 'azure';
  const fromEnvironment = options.endpoint === undefined && options.resourceName === undefined;
  const endpoint = resolveEndpoint(id, options, fromEnvironment);
  const apiVersion = options.apiVersion ?? process.env['OPENAI_API_VERSION'] ?? DEFAULT_AZURE_API_VERSION;
  const apiKey = options.apiKey ?? (fromEnvironment ? process.env['AZURE_OPENAI_API_KEY'] : undefined);
  const authHeaders = authentication(id, { apiKey, azureADToken: options.azureADToken, getToken: options.getToken });
  const deploymentOf = (model: string): string => options.deployments?.[model] ?? model;
  const v1 = apiVersion === 'v1';
  const url = (model: string, operation: 'chat/completions' | 'embeddings'): string =>
    v1
      ? `${endpoint}/openai/v1/${operation}`
      : `${endpoint}/openai/deployments/${encodeURIComponent(deploymentOf(model))}/${operation}?api-version=${encodeURIComponent(apiVersion)}`;
  const http = new HttpClient(options);
  const api = new OpenAIChatApi({
    provider: id,
    http,
    headers: async (signal) => ({ ...(await authHeaders(signal)), ...options.headers }),
    chatUrl: (model) => url(model, 'chat/completions'),
    embeddingsUrl: (model) => url(model, 'embeddings'),
    ...(v1 ? { finalizeBody: (body) => ({ ...body, model: deploymentOf(String(body['model'])) }) } : {}),
  });
  return {
    id,
    type: 'azure',
    chat: (request, callOptions) => api.chat(request, callOptions),
    stream: (request, callOptions) => api.stream(request, callOptions),
    embed: (request, callOptions) => api.embed(request, callOptions),
    // Azure has no data-plane API that lists deployments: these are the configured ones.
    listModels: () => Promise.resolve(Object.keys(options.deployments ?? {}).map((model) => ({ id: model }))),
    close: () => http.close(),
  };
}

function resolveEndpoint(id: string, options: AzureOpenAIAdapterOptions, fromEnvironment: boolean): string {
  if (options.endpoint !== undefined && options.resourceName !== undefined) {
    throw configError(id, 'pass endpoint or resourceName, not both', 'endpoint');
  }
  const raw = options.resourceName !== undefined ? `https://${options.resourceName}.openai.azure.com` : (options.endpoint ?? (fromEnvironment ? process.env['AZURE_OPENAI_ENDPOINT'] : undefined));
  if (!raw) throw configError(id, 'an endpoint or resourceName is required (or set AZURE_OPENAI_ENDPOINT)', 'endpoint');
  return raw.replace(/\/+$/, '').replace(/\/openai(?:\/v1)?$/, '');
}

type AuthHeaders = (signal?: AbortSignal) => Promise<Record<string, string>>;

interface AuthOptions {
  apiKey: string | undefined;
  azureADToken: string | undefined;
  getToken: AzureOpenAIAdapterOptions['getToken'] | undefined;
}

function authentication(id: string, options: AuthOptions): AuthHeaders {
  const { apiKey, azureADToken, getToken } = options;
  const given = [apiKey, azureADToken, getToken].filter((value) => value !== undefined && value !== '');
  if (given.length !== 1) {
    throw configError(id, `give exactly one of apiKey, azureADToken or getToken (got ${given.length}; AZURE_OPENAI_API_KEY counts when the endpoint comes from the environment)`, 'apiKey');
  }
  if (apiKey) return () => Promise.resolve({ 'api-key': apiKey });
  if (azureADToken) return () => Promise.resolve({ authorization: `Bearer ${azureADToken}` });
  return async (signal) => {
    let token: string | undefined;
    try {
      token = await getToken?.(signal);
    } catch (error) {
      throw new ProviderError({ provider: id, kind: 'auth', message: `getToken failed: ${messageOf(error)}`, cause: error });
    }
    if (!token) throw new ProviderError({ provider: id, kind: 'auth', message: 'getToken returned an empty token' });
    return { authorization: `Bearer ${token}` };
  };
}

function configError(id: string, message: string, param: string): RefractError {
  return new RefractError('REFRACT_ERR_CONFIG', `${id}: ${message}`, { param });
}
