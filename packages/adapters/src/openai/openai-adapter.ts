import { RefractError } from '@refract/core';
import { HttpClient, type ClosableProviderAdapter } from '../shared';
import { OpenAIChatApi } from './openai-chat-api';
import { DEFAULT_OPENAI_BASE_URL, type OpenAIAdapterOptions } from './openai-options';

/**
 * Creates an adapter for OpenAI or any OpenAI-compatible API (vLLM, OpenRouter, Groq, Together,
 * DeepSeek, Mistral, xAI, LM Studio, llama.cpp server, Ollama's `/v1`): chat, streams with
 * usage, embeddings and model listing. Requests pass through unchanged; responses and streams are
 * normalised (see docs/providers/openai.md).
 *
 * @example
 * const groq = createOpenAIAdapter({ id: 'groq', baseURL: 'https://api.groq.com/openai/v1', apiKey: process.env.GROQ_API_KEY });
 * const { response } = await groq.chat({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOpenAIAdapter(options: OpenAIAdapterOptions = {}): ClosableProviderAdapter {
  const id = options.id ?? 'openai';
  const usesDefaultBase = options.baseURL === undefined;
  const baseURL = (options.baseURL ?? DEFAULT_OPENAI_BASE_URL).replace(/\/+$/, '');
  const environment = usesDefaultBase ? process.env : {};
  const apiKey = options.apiKey ?? environment['OPENAI_API_KEY'];
  const organization = options.organization ?? environment['OPENAI_ORG_ID'];
  const project = options.project ?? environment['OPENAI_PROJECT_ID'];
  if (usesDefaultBase && !apiKey) {
    throw new RefractError('REFRACT_ERR_CONFIG', `${id}: an apiKey is required for ${DEFAULT_OPENAI_BASE_URL} (pass apiKey or set OPENAI_API_KEY)`, {
      param: 'apiKey',
    });
  }
  const headers: Record<string, string> = {
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    ...(organization ? { 'openai-organization': organization } : {}),
    ...(project ? { 'openai-project': project } : {}),
    ...options.headers,
  };
  const query = options.queryParams && Object.keys(options.queryParams).length > 0 ? `?${new URLSearchParams(options.queryParams).toString()}` : '';
  const url = (path: string): string => `${baseURL}${path}${query}`;
  const http = new HttpClient(options);
  const api = new OpenAIChatApi({
    provider: id,
    http,
    headers: () => headers,
    chatUrl: () => url('/chat/completions'),
    embeddingsUrl: () => url('/embeddings'),
    modelsUrl: url('/models'),
  });
  return {
    id,
    type: 'openai',
    chat: (request, callOptions) => api.chat(request, callOptions),
    stream: (request, callOptions) => api.stream(request, callOptions),
    embed: (request, callOptions) => api.embed(request, callOptions),
    listModels: (callOptions) => api.listModels(callOptions),
    close: () => http.close(),
  };
}
