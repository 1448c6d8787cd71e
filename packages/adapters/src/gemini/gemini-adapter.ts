import {
  RefractError,
  type ChatRequest,
  type EmbeddingsRequest,
  type ProviderAdapter,
  type ProviderCallOptions,
  type ProviderChatResult,
  type ProviderEmbeddingsResult,
  type ProviderModelInfo,
  type StreamPart,
} from '@refract/core';
import { bodyChunks, guardStream, HttpClient } from '../shared';
import { convertGeminiResponse } from './convert-gemini-response';
import { convertToGeminiRequest, type RequestConversion } from './convert-to-gemini-request';
import type { GeminiResponse } from './gemini-api-types';
import { GeminiClient } from './gemini-client';
import { embedWithGemini } from './gemini-embeddings';
import { listGeminiModels } from './gemini-list-models';
import { DEFAULT_GEMINI_BASE_URL, type GeminiAdapterOptions } from './gemini-options';
import { geminiStreamParts } from './gemini-stream-parts';
import { resolveImageUrl } from './resolve-image-url';

/** The Gemini API adapter: `generateContent`, `streamGenerateContent` (SSE), `batchEmbedContents`, `/models`. */
export class GeminiAdapter implements ProviderAdapter {
  readonly id: string;
  readonly type = 'gemini';
  private readonly client: GeminiClient;
  private readonly options: GeminiAdapterOptions;

  constructor(options: GeminiAdapterOptions = {}) {
    this.id = options.id ?? 'gemini';
    this.options = options;
    // An empty variable counts as unset.
    const apiKey = options.apiKey ?? (process.env['GEMINI_API_KEY'] || process.env['GOOGLE_API_KEY'] || undefined);
    const headerNames = Object.keys(options.headers ?? {}).map((name) => name.toLowerCase());
    if (!apiKey && !headerNames.includes('x-goog-api-key') && !headerNames.includes('authorization')) {
      throw new RefractError('REFRACT_ERR_CONFIG', `gemini adapter '${this.id}': no API key; pass apiKey or set GEMINI_API_KEY (or GOOGLE_API_KEY)`);
    }
    const headers = { ...(apiKey ? { 'x-goog-api-key': apiKey } : {}), ...options.headers };
    this.client = new GeminiClient(this.id, new HttpClient(options), options.baseURL ?? DEFAULT_GEMINI_BASE_URL, headers);
  }

  async chat(request: ChatRequest, options: ProviderCallOptions = {}): Promise<ProviderChatResult> {
    const { body, warnings } = await this.convert(request, options);
    const json = await this.client.postJson(this.client.modelUrl(request.model, 'generateContent'), body, options);
    const converted = convertGeminiResponse(json as GeminiResponse, { provider: this.id, model: request.model });
    return { response: converted.response, warnings: [...warnings, ...converted.warnings] };
  }

  async *stream(request: ChatRequest, options: ProviderCallOptions = {}): AsyncGenerator<StreamPart> {
    const { body, warnings } = await this.convert(request, options);
    const response = await this.client.openStream(this.client.modelUrl(request.model, 'streamGenerateContent', '?alt=sse'), body, options);
    yield* guardStream({ provider: this.id, body: response.body, signal: options.signal }, geminiStreamParts(bodyChunks(response.body), this.id, warnings));
  }

  embed(request: EmbeddingsRequest, options: ProviderCallOptions = {}): Promise<ProviderEmbeddingsResult> {
    return embedWithGemini(this.client, request, options);
  }

  listModels(options: ProviderCallOptions = {}): Promise<ProviderModelInfo[]> {
    return listGeminiModels(this.client, options);
  }

  private convert(request: ChatRequest, options: ProviderCallOptions): Promise<RequestConversion> {
    const imageUrls = this.options.imageUrls ?? {};
    return convertToGeminiRequest(request, {
      resolveImage: (url, parameter) =>
        resolveImageUrl(url, parameter, { provider: this.id, http: this.client.http, baseURL: this.client.baseURL, options: imageUrls, signal: options.signal }),
      schemaMode: this.options.schemaMode ?? 'openapi',
      includeThoughts: this.options.includeThoughts ?? true,
      safetySettings: this.options.safetySettings,
    });
  }
}
