import type {
  ChatRequest,
  EmbeddingsRequest,
  ProviderCallOptions,
  ProviderChatResult,
  ProviderEmbeddingsResult,
  ProviderModelInfo,
  ProviderWarning,
  StreamPart,
} from '@refract/core';
import { bodyChunks, guardStream, headerValue, readJsonBody, type HttpClient, type HttpResponse } from '../shared';
import { convertOpenAIEmbeddings } from './convert-openai-embeddings';
import { convertOpenAIModels } from './convert-openai-models';
import { convertOpenAIResponse } from './convert-openai-response';
import { completionToStreamParts } from './completion-to-stream-parts';
import { toOpenAIChatBody } from './convert-to-openai-request';
import { openAIErrorFromResponse } from './openai-error';
import { OpenAIStreamMapper, openAIStreamParts } from './openai-stream-parts';

/** Where and how an OpenAI-wire API is called: what differs between OpenAI, compatible servers and Azure. */
export interface OpenAIWireConfig {
  /** Adapter instance id, used in errors. */
  provider: string;
  http: HttpClient;
  /** Headers for every call (auth, organisation, the caller's extras). May be async (Azure AD tokens). */
  headers: (signal?: AbortSignal) => Record<string, string> | Promise<Record<string, string>>;
  chatUrl: (model: string) => string;
  embeddingsUrl: (model: string) => string;
  /** GET endpoint listing models, when the API has one. */
  modelsUrl?: string;
  /** Last change to an upstream body before it is sent (Azure's v1 API puts the deployment into `model`). */
  finalizeBody?: (body: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Chat Completions, embeddings and model listing over the OpenAI wire format. The OpenAI adapter
 * and the Azure adapter are thin configurations of this class, so the two translate requests,
 * responses, streams and errors with the same code.
 */
export class OpenAIChatApi {
  private readonly config: OpenAIWireConfig;

  constructor(config: OpenAIWireConfig) {
    this.config = config;
  }

  async chat(request: ChatRequest, options: ProviderCallOptions = {}): Promise<ProviderChatResult> {
    const { body, warnings } = toOpenAIChatBody(request, { stream: false });
    const response = await this.post(this.config.chatUrl(request.model), body, options, false);
    const json = await readJsonBody(this.config.provider, response, options.signal);
    const converted = convertOpenAIResponse(json, { provider: this.config.provider, model: request.model });
    return { response: converted.completion, warnings: [...warnings, ...converted.warnings] };
  }

  /** See `StreamPart`: failures before the body starts are thrown from the first `next()`. */
  async *stream(request: ChatRequest, options: ProviderCallOptions = {}): AsyncGenerator<StreamPart> {
    const { provider } = this.config;
    const { body, warnings } = toOpenAIChatBody(request, { stream: true });
    const response = await this.post(this.config.chatUrl(request.model), body, options, true);
    const guard = { provider, body: response.body, signal: options.signal };
    if (isJson(response)) {
      // The server ignored `stream: true` and answered with one JSON body.
      yield* guardStream(guard, this.jsonAsStream(response, request, warnings, options.signal));
      return;
    }
    const mapper = new OpenAIStreamMapper({ provider, warnings });
    yield* guardStream(guard, openAIStreamParts(bodyChunks(response.body), mapper));
  }

  async embed(request: EmbeddingsRequest, options: ProviderCallOptions = {}): Promise<ProviderEmbeddingsResult> {
    const response = await this.post(this.config.embeddingsUrl(request.model), { ...request }, options, false);
    const json = await readJsonBody(this.config.provider, response, options.signal);
    return convertOpenAIEmbeddings(json, { provider: this.config.provider, model: request.model });
  }

  async listModels(options: ProviderCallOptions = {}): Promise<ProviderModelInfo[]> {
    const { provider, http, modelsUrl } = this.config;
    if (modelsUrl === undefined) return [];
    const response = await http.send({
      provider,
      url: modelsUrl,
      method: 'GET',
      headers: { accept: 'application/json', ...(await this.config.headers(options.signal)), ...options.headers },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    if (response.status < 200 || response.status >= 300) throw await openAIErrorFromResponse(provider, response);
    return convertOpenAIModels(await readJsonBody(provider, response, options.signal));
  }

  private async post(url: string, body: Record<string, unknown>, options: ProviderCallOptions, streaming: boolean): Promise<HttpResponse> {
    const { provider, http, finalizeBody } = this.config;
    const response = await http.send({
      provider,
      url,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: streaming ? 'text/event-stream' : 'application/json',
        ...(await this.config.headers(options.signal)),
        ...options.headers,
      },
      body: JSON.stringify(finalizeBody ? finalizeBody(body) : body),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      streaming,
    });
    if (response.status < 200 || response.status >= 300) throw await openAIErrorFromResponse(provider, response);
    return response;
  }

  private async *jsonAsStream(response: HttpResponse, request: ChatRequest, warnings: ProviderWarning[], signal?: AbortSignal): AsyncGenerator<StreamPart> {
    const json = await readJsonBody(this.config.provider, response, signal);
    const converted = convertOpenAIResponse(json, { provider: this.config.provider, model: request.model });
    yield* completionToStreamParts(converted.completion, [...warnings, ...converted.warnings]);
  }
}

function isJson(response: HttpResponse): boolean {
  return (headerValue(response.headers, 'content-type') ?? '').toLowerCase().includes('application/json');
}
