import type { ChatRequest, EmbeddingsRequest, ProviderCallOptions, ProviderChatResult, ProviderEmbeddingsResult, ProviderModelInfo, StreamPart } from '@refract/core';
import { bodyChunks, HttpClient, generateId, guardStream, loadImage, readJsonBody, type ClosableProviderAdapter, type HttpResponse } from '../shared';
import { convertOllamaEmbeddings, toOllamaEmbedBody } from './convert-ollama-embeddings';
import { convertOllamaModels } from './convert-ollama-models';
import { convertOllamaResponse } from './convert-ollama-response';
import { toOllamaChatBody } from './convert-to-ollama-request';
import { ollamaErrorFromResponse } from './ollama-error';
import { resolveOllamaHost, type OllamaAdapterOptions } from './ollama-options';
import { OllamaStreamMapper, ollamaStreamParts } from './ollama-stream-parts';

/**
 * Creates an adapter for Ollama's native API: `/api/chat` (JSON and NDJSON streams, tools both
 * ways, images, JSON mode and schemas, thinking), `/api/embed` and `/api/tags`. For Ollama's
 * OpenAI-compatible endpoint use `createOpenAIAdapter({ baseURL: 'http://127.0.0.1:11434/v1' })`.
 *
 * @example
 * const ollama = createOllamaAdapter({ host: 'http://gpu-box:11434' });
 * for await (const part of ollama.stream({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] })) console.log(part);
 */
export function createOllamaAdapter(options: OllamaAdapterOptions = {}): ClosableProviderAdapter {
  const provider = options.id ?? 'ollama';
  const host = resolveOllamaHost(options.host);
  const http = new HttpClient(options);
  const headers = { ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}), ...options.headers };

  const send = async (path: string, body: unknown, call: ProviderCallOptions, streaming: boolean): Promise<HttpResponse> => {
    const response = await http.send({
      provider,
      url: `${host}${path}`,
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: streaming ? 'application/x-ndjson' : 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers, ...call.headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: call.signal,
      timeoutMs: call.timeoutMs,
      streaming,
    });
    if (response.status < 200 || response.status >= 300) throw await ollamaErrorFromResponse(provider, response);
    return response;
  };

  const chatBody = (request: ChatRequest, call: ProviderCallOptions, stream: boolean): ReturnType<typeof toOllamaChatBody> =>
    toOllamaChatBody(request, {
      stream,
      loadImage: (url, path) =>
        loadImage(url, {
          provider,
          http,
          path,
          fetchUrls: options.fetchImageUrls ?? true,
          enableHint: 'the adapter option `fetchImageUrls`',
          allowPrivateHosts: options.allowPrivateImageHosts ?? false,
          signal: call.signal,
          timeoutMs: call.timeoutMs,
          ...(options.maxImageBytes !== undefined ? { maxBytes: options.maxImageBytes } : {}),
        }),
    });

  async function chat(request: ChatRequest, call: ProviderCallOptions = {}): Promise<ProviderChatResult> {
    const { body, warnings } = await chatBody(request, call, false);
    const response = await send('/api/chat', body, call, false);
    const json = await readJsonBody(provider, response, call.signal);
    return { response: convertOllamaResponse(json, { provider, model: request.model, id: generateId() }), warnings };
  }

  async function* stream(request: ChatRequest, call: ProviderCallOptions = {}): AsyncGenerator<StreamPart> {
    const { body, warnings } = await chatBody(request, call, true);
    const response = await send('/api/chat', body, call, true);
    const mapper = new OllamaStreamMapper({ provider, responseId: generateId(), warnings });
    yield* guardStream({ provider, body: response.body, signal: call.signal }, ollamaStreamParts(bodyChunks(response.body), mapper));
  }

  async function embed(request: EmbeddingsRequest, call: ProviderCallOptions = {}): Promise<ProviderEmbeddingsResult> {
    const { body, warnings } = toOllamaEmbedBody(request, provider);
    const response = await send('/api/embed', body, call, false);
    return { response: convertOllamaEmbeddings(await readJsonBody(provider, response, call.signal), { provider, request }), warnings };
  }

  async function listModels(call: ProviderCallOptions = {}): Promise<ProviderModelInfo[]> {
    const response = await send('/api/tags', undefined, call, false);
    return convertOllamaModels(await readJsonBody(provider, response, call.signal));
  }

  return { id: provider, type: 'ollama', chat, stream, embed, listModels, close: () => http.close() };
}
