import type { BaseAdapterOptions } from '../shared';

/**
 * The default `api-version`: the latest generally available (GA) dated version of the Azure
 * OpenAI data-plane inference API for the deployment routes (`/openai/deployments/{name}/...`).
 * Features newer than it (e.g. `reasoning_effort`) need a newer preview version, or `'v1'`.
 */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** Options of `createAzureOpenAIAdapter`. Give `endpoint` or `resourceName`, and one way to authenticate. */
export interface AzureOpenAIAdapterOptions extends BaseAdapterOptions {
  /**
   * The resource endpoint, e.g. `https://my-resource.openai.azure.com` (a trailing `/openai` or
   * `/openai/v1` is ignored). With neither `endpoint` nor `resourceName`, `AZURE_OPENAI_ENDPOINT`
   * is read.
   */
  endpoint?: string;
  /** The resource name: the endpoint becomes `https://{resourceName}.openai.azure.com`. */
  resourceName?: string;
  /**
   * `api-version` query parameter: default `OPENAI_API_VERSION`, else `'2024-10-21'` (latest dated GA).
   * `'v1'` selects Azure's v1 API: `/openai/v1/chat/completions` without `api-version`, the
   * deployment name sent as `model`.
   */
  apiVersion?: string;
  /**
   * Sent as the `api-key` header. Read from `AZURE_OPENAI_API_KEY` only when the endpoint also
   * comes from the environment, so a key cannot leak to an endpoint it does not belong to.
   */
  apiKey?: string;
  /** A Microsoft Entra ID (Azure AD) access token, sent as `Authorization: Bearer`. */
  azureADToken?: string;
  /**
   * Returns a Microsoft Entra ID token for each call (e.g. wrapping `@azure/identity`'s
   * `getBearerTokenProvider(credential, 'https://cognitiveservices.azure.com/.default')`), sent
   * as `Authorization: Bearer`. Caching and refresh are the provider's job.
   */
  getToken?: (signal?: AbortSignal) => string | Promise<string>;
  /**
   * Model id → deployment name, e.g. `{ 'gpt-4o': 'prod-gpt4o-eu' }`. A model not listed is used as
   * the deployment name itself. `listModels()` lists these entries.
   */
  deployments?: Record<string, string>;
}
