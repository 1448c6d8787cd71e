import { ProviderError } from '@refract/core';
import { HttpClient, headerValue, readBounded, type HttpResponse } from '../shared';
import type { BedrockAuth } from './bedrock-auth';
import type { BedrockEndpoints } from './bedrock-endpoints';
import { bedrockErrorFromResponse } from './bedrock-error';
import { uriEncode } from './sigv4';

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

export interface BedrockCall {
  plane: 'runtime' | 'control';
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/model/{id}/converse`. */
  path: string;
  body?: string;
  accept: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
  streaming?: boolean;
}

/**
 * Sends authenticated calls to the Bedrock runtime or control plane through the adapter's
 * `HttpClient` and turns non-2xx answers into `ProviderError`s.
 */
export class BedrockTransport {
  constructor(
    private readonly provider: string,
    private readonly http: HttpClient,
    private readonly auth: BedrockAuth,
    private readonly endpoints: BedrockEndpoints,
    private readonly headers: Record<string, string>,
  ) {}

  async send(call: BedrockCall): Promise<HttpResponse> {
    const base = call.plane === 'runtime' ? this.endpoints.runtime : this.endpoints.control;
    if (base === undefined) {
      throw new ProviderError({ provider: this.provider, kind: 'bad_request', retryable: false, message: 'no control-plane endpoint: pass `region` or `controlPlaneEndpoint`' });
    }
    const url = new URL(`${base}${call.path}`);
    const body = call.body ?? '';
    const signed: Record<string, string> = { accept: call.accept };
    if (call.body !== undefined) signed['content-type'] = 'application/json';
    const authorized = await this.auth.authorize({ method: call.method, url, headers: signed, body }, call.signal);
    const response = await this.http.send({
      provider: this.provider,
      url: url.href,
      method: call.method,
      headers: { ...this.headers, ...call.headers, ...authorized },
      ...(call.body !== undefined ? { body } : {}),
      signal: call.signal,
      timeoutMs: call.timeoutMs,
      streaming: call.streaming ?? false,
    });
    if (response.status < 200 || response.status >= 300) throw await bedrockErrorFromResponse(this.provider, response);
    if (call.streaming) await this.expectEventStream(response);
    return response;
  }

  /** A 200 that is not an event stream (a proxy's JSON or HTML page) fails before the stream starts. */
  private async expectEventStream(response: HttpResponse): Promise<void> {
    const contentType = headerValue(response.headers, 'content-type');
    if (contentType === undefined || contentType.toLowerCase().startsWith(EVENT_STREAM_CONTENT_TYPE)) return;
    const text = await readBounded(response.body, 2048);
    throw new ProviderError({
      provider: this.provider,
      kind: 'decode',
      providerStatus: response.status,
      message: `expected ${EVENT_STREAM_CONTENT_TYPE}, got ${contentType}: ${text.slice(0, 200)}`,
    });
  }
}

/** `/model/{modelId}/{action}` with the model id (`:` and ARN `/` included) percent-encoded. */
export function modelPath(modelId: string, action: 'converse' | 'converse-stream' | 'invoke'): string {
  return `/model/${uriEncode(modelId)}/${action}`;
}
