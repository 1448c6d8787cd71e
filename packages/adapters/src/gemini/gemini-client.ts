import { RefractValidationError, type ProviderCallOptions } from '@refract/core';
import { readJsonBody, type HttpClient, type HttpResponse } from '../shared';
import { geminiErrorFromResponse } from './gemini-error';

/**
 * The Gemini REST calls of one adapter instance: URLs under the base URL, the API key in the
 * `x-goog-api-key` header (never in the URL), and Gemini error bodies turned into `ProviderError`s.
 */
export class GeminiClient {
  readonly provider: string;
  readonly http: HttpClient;
  readonly baseURL: string;
  private readonly headers: Record<string, string>;

  constructor(provider: string, http: HttpClient, baseURL: string, headers: Record<string, string>) {
    this.provider = provider;
    this.http = http;
    this.baseURL = baseURL.replace(/\/+$/, '');
    this.headers = headers;
  }

  /** `…/models/{model}:{method}`; `model` may already start with `models/` or `tunedModels/`. */
  modelUrl(model: string, method: string, query = ''): string {
    return `${this.baseURL}/${modelPath(model)}:${method}${query}`;
  }

  async postJson(url: string, body: unknown, options: ProviderCallOptions): Promise<unknown> {
    const response = await this.send('POST', url, body, options, false);
    return readJsonBody(this.provider, response, options.signal);
  }

  async getJson(url: string, options: ProviderCallOptions): Promise<unknown> {
    const response = await this.send('GET', url, undefined, options, false);
    return readJsonBody(this.provider, response, options.signal);
  }

  /** Opens a streaming call; a non-2xx status is thrown as a `ProviderError`. */
  openStream(url: string, body: unknown, options: ProviderCallOptions): Promise<HttpResponse> {
    return this.send('POST', url, body, options, true);
  }

  private async send(method: 'GET' | 'POST', url: string, body: unknown, options: ProviderCallOptions, streaming: boolean): Promise<HttpResponse> {
    const response = await this.http.send({
      provider: this.provider,
      url,
      method,
      headers: { ...this.headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      streaming,
    });
    if (response.status < 200 || response.status >= 300) throw await geminiErrorFromResponse(this.provider, response);
    return response;
  }
}

/** The resource name of a model: `gemini-2.5-flash` → `models/gemini-2.5-flash`. */
export function modelPath(model: string): string {
  const path = /^(?:models|tunedModels)\//.test(model) ? model : `models/${model}`;
  if (!/^[A-Za-z0-9._\-/]+$/.test(path) || path.includes('..')) {
    throw new RefractValidationError('chat request', [{ path: 'model', message: `${JSON.stringify(model)} is not a valid Gemini model id`, code: 'custom' }]);
  }
  return path;
}
