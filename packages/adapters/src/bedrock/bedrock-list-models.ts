import { ProviderError, type ProviderCallOptions, type ProviderModelInfo } from '@refract/core';
import { readJsonBody } from '../shared';
import type { BedrockTransport } from './bedrock-transport';

interface FoundationModelSummary {
  modelId?: string;
  providerName?: string;
  inferenceTypesSupported?: string[];
  modelLifecycle?: { status?: string };
}

/**
 * Lists the region's text-output foundation models that can be called on demand and are ACTIVE
 * (control plane `GET /foundation-models?byOutputModality=TEXT`). Inference profiles and
 * provisioned models are not listed.
 */
export async function listFoundationModels(transport: BedrockTransport, provider: string, options: ProviderCallOptions): Promise<ProviderModelInfo[]> {
  const response = await transport.send({
    plane: 'control',
    method: 'GET',
    path: '/foundation-models?byOutputModality=TEXT',
    accept: 'application/json',
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    headers: options.headers,
  });
  const json = (await readJsonBody(provider, response, options.signal)) as { modelSummaries?: FoundationModelSummary[] };
  if (!Array.isArray(json?.modelSummaries)) {
    throw new ProviderError({ provider, kind: 'decode', message: 'foundation-models response has no modelSummaries' });
  }
  return json.modelSummaries
    .filter((model) => typeof model.modelId === 'string')
    .filter((model) => (model.modelLifecycle?.status ?? 'ACTIVE') === 'ACTIVE')
    .filter((model) => model.inferenceTypesSupported === undefined || model.inferenceTypesSupported.includes('ON_DEMAND'))
    .map((model) => ({ id: model.modelId as string, ...(model.providerName ? { ownedBy: model.providerName } : {}) }));
}
