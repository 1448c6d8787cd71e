import type { ProviderCallOptions, ProviderModelInfo } from '@refract/core';
import type { GeminiClient } from './gemini-client';

const PAGE_SIZE = 1000;
const MAX_PAGES = 20;

interface GeminiModelList {
  models?: { name?: unknown; inputTokenLimit?: unknown; supportedGenerationMethods?: unknown }[];
  nextPageToken?: unknown;
}

/**
 * Lists the models that support `generateContent` (GET `/models`, every page), with
 * `inputTokenLimit` as the context window.
 */
export async function listGeminiModels(client: GeminiClient, options: ProviderCallOptions): Promise<ProviderModelInfo[]> {
  const models: ProviderModelInfo[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = `?pageSize=${PAGE_SIZE}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
    const list = (await client.getJson(`${client.baseURL}/models${query}`, options)) as GeminiModelList;
    for (const model of list.models ?? []) {
      const methods = Array.isArray(model.supportedGenerationMethods) ? model.supportedGenerationMethods : [];
      if (typeof model.name !== 'string' || !methods.includes('generateContent')) continue;
      models.push({
        id: model.name.replace(/^models\//, ''),
        ownedBy: 'google',
        ...(typeof model.inputTokenLimit === 'number' ? { contextWindow: model.inputTokenLimit } : {}),
      });
    }
    pageToken = typeof list.nextPageToken === 'string' && list.nextPageToken !== '' ? list.nextPageToken : undefined;
    if (!pageToken) break;
  }
  return models;
}
