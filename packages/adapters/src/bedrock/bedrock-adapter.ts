import {
  systemClock,
  type ChatRequest,
  type Clock,
  type EmbeddingsRequest,
  type ProviderAdapter,
  type ProviderCallOptions,
  type ProviderChatResult,
  type ProviderEmbeddingsResult,
  type ProviderModelInfo,
  type StreamPart,
} from '@refract/core';
import { bodyChunks, HttpClient, fetchImage, generateId, guardStream, headerValue, readJsonBody, unixSeconds, type HttpResponse } from '../shared';
import { BedrockAuth } from './bedrock-auth';
import { bedrockEmbed, type InvokeModel } from './bedrock-embeddings';
import { resolveEndpoints } from './bedrock-endpoints';
import { listFoundationModels } from './bedrock-list-models';
import { DEFAULT_MAX_IMAGE_BYTES, type BedrockAdapterOptions } from './bedrock-options';
import { BedrockStreamMapper, bedrockStreamParts } from './bedrock-stream-parts';
import { BedrockTransport, EVENT_STREAM_CONTENT_TYPE, modelPath } from './bedrock-transport';
import { convertBedrockResponse } from './convert-bedrock-response';
import { convertToBedrockRequest, type ConvertedRequest } from './convert-to-bedrock-request';
import type { BedrockImageBlock } from './bedrock-api-types';
import { BEDROCK_IMAGE_TYPES, imageFormatOf } from './bedrock-images';

/** The Bedrock Runtime adapter: Converse, ConverseStream, InvokeModel embeddings, foundation-model listing. */
export class BedrockAdapter implements ProviderAdapter {
  readonly id: string;
  readonly type = 'bedrock';
  private readonly options: BedrockAdapterOptions;
  private readonly http: HttpClient;
  private readonly transport: BedrockTransport;
  private readonly clock: Clock;

  constructor(options: BedrockAdapterOptions = {}) {
    this.id = options.id ?? 'bedrock';
    this.options = options;
    const env = options.env ?? process.env;
    const endpoints = resolveEndpoints(options, env);
    this.clock = options.clock ?? systemClock;
    this.http = new HttpClient(options);
    const auth = new BedrockAuth({ provider: this.id, apiKey: options.apiKey, credentials: options.credentials, region: endpoints.region, env, clock: this.clock });
    this.transport = new BedrockTransport(this.id, this.http, auth, endpoints, options.headers ?? {});
  }

  async chat(request: ChatRequest, options: ProviderCallOptions = {}): Promise<ProviderChatResult> {
    const converted = await this.convert(request, options);
    const response = await this.transport.send({
      plane: 'runtime',
      method: 'POST',
      path: modelPath(request.model, 'converse'),
      body: JSON.stringify(converted.body),
      accept: 'application/json',
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      headers: options.headers,
    });
    const json = await readJsonBody(this.id, response, options.signal);
    const result = convertBedrockResponse(json, {
      provider: this.id,
      id: responseId(response),
      model: request.model,
      created: unixSeconds(this.clock.now()),
      toolNames: converted.toolNames,
    });
    return { response: result.response, warnings: [...converted.warnings, ...result.warnings] };
  }

  async *stream(request: ChatRequest, options: ProviderCallOptions = {}): AsyncGenerator<StreamPart> {
    const converted = await this.convert(request, options);
    const response = await this.transport.send({
      plane: 'runtime',
      method: 'POST',
      path: modelPath(request.model, 'converse-stream'),
      body: JSON.stringify(converted.body),
      accept: EVENT_STREAM_CONTENT_TYPE,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      headers: options.headers,
      streaming: true,
    });
    const start: StreamPart = {
      type: 'stream-start',
      id: responseId(response),
      model: request.model,
      created: unixSeconds(this.clock.now()),
      warnings: converted.warnings,
    };
    const mapper = new BedrockStreamMapper(this.id, converted.toolNames);
    yield* guardStream({ provider: this.id, body: response.body, signal: options.signal }, prepend(start, bedrockStreamParts(bodyChunks(response.body), mapper, this.id)));
  }

  async embed(request: EmbeddingsRequest, options: ProviderCallOptions = {}): Promise<ProviderEmbeddingsResult> {
    const invoke: InvokeModel = async (modelId, body) => {
      const response = await this.transport.send({
        plane: 'runtime',
        method: 'POST',
        path: modelPath(modelId, 'invoke'),
        body: JSON.stringify(body),
        accept: 'application/json',
        signal: options.signal,
        timeoutMs: options.timeoutMs,
        headers: options.headers,
      });
      const header = headerValue(response.headers, 'x-amzn-bedrock-input-token-count');
      const tokens = header === undefined ? Number.NaN : Number(header);
      return { json: await readJsonBody(this.id, response, options.signal), inputTokens: Number.isFinite(tokens) ? tokens : undefined };
    };
    return bedrockEmbed(request, invoke, this.options.embeddings ?? {}, this.id);
  }

  async listModels(options: ProviderCallOptions = {}): Promise<ProviderModelInfo[]> {
    return listFoundationModels(this.transport, this.id, options);
  }

  private convert(request: ChatRequest, options: ProviderCallOptions): Promise<ConvertedRequest> {
    const fetchImageUrls = this.options.fetchImageUrls ?? false;
    const loadImage = async (url: string, parameter: string): Promise<BedrockImageBlock> => {
      const image = await fetchImage(url, {
        provider: this.id,
        http: this.http,
        path: parameter,
        signal: options.signal,
        fetchUrls: fetchImageUrls !== false,
        enableHint: 'the adapter option `fetchImageUrls` (Bedrock takes image bytes, not URLs)',
        allow: typeof fetchImageUrls === 'function' ? fetchImageUrls : undefined,
        maxBytes: this.options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES,
        timeoutMs: options.timeoutMs ?? this.options.timeoutMs,
        acceptedTypes: BEDROCK_IMAGE_TYPES,
      });
      const format = imageFormatOf(image.mediaType);
      if (format === undefined) throw new Error(`fetchImage returned ${image.mediaType}, which is not one of the accepted Bedrock image types`);
      return { format, source: { bytes: image.base64 } };
    };
    return convertToBedrockRequest(request, { loadImage });
  }
}

/** `chatcmpl-<x-amzn-requestid>`, so a response can be found in AWS logs; generated when absent. */
function responseId(response: HttpResponse): string {
  const requestId = headerValue(response.headers, 'x-amzn-requestid');
  return requestId ? `chatcmpl-${requestId}` : generateId();
}

/**
 * Yields `first` just before the first part of `rest` that is not an error: a stream "starts"
 * when Bedrock's first event arrives, not on the response headers, so an exception sent as the
 * first event (throttling, validation) still lets the gateway fall back.
 */
async function* prepend(first: StreamPart, rest: AsyncIterable<StreamPart>): AsyncGenerator<StreamPart> {
  let started = false;
  for await (const part of rest) {
    if (!started && part.type !== 'error') {
      started = true;
      yield first;
    }
    yield part;
  }
}
