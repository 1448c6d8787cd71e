import {
  ProviderError,
  type ChatRequest,
  type ProviderAdapter,
  type ProviderCallOptions,
  type ProviderChatResult,
  type ProviderModelInfo,
  type StreamPart,
} from '@refract/core';
import { bodyChunks, HttpClient, guardStream, headerValue, readJsonBody, readSseEvents, type HttpResponse } from '../shared';
import type { AnthropicMessage } from './anthropic-api-types';
import { anthropicErrorFromResponse, anthropicStreamError, isAnthropicErrorBody } from './anthropic-error';
import { resolveAnthropicOptions, type AnthropicAdapterOptions, type ResolvedAnthropicOptions } from './anthropic-options';
import { AnthropicStreamTranslator } from './anthropic-stream-parts';
import { convertAnthropicResponse } from './convert-anthropic-response';
import { convertToAnthropicRequest } from './convert-to-anthropic-request';

/**
 * A `ProviderAdapter` over Anthropic's Messages API (`POST /v1/messages`).
 *
 * Streams follow the `StreamPart` contract, with one addition: a failure before the message
 * starts (an `overloaded_error` event as the first event, a connection cut before
 * `message_start`) is thrown from the first `next()` like an HTTP error, so the router can still
 * retry or fall back; nothing has been produced at that point.
 */
export class AnthropicAdapter implements ProviderAdapter {
  readonly id: string;
  readonly type = 'anthropic';
  private readonly options: ResolvedAnthropicOptions;
  private readonly http: HttpClient;

  constructor(options: AnthropicAdapterOptions = {}) {
    this.options = resolveAnthropicOptions(options);
    this.id = this.options.id;
    this.http = new HttpClient(options);
  }

  async chat(request: ChatRequest, options: ProviderCallOptions = {}): Promise<ProviderChatResult> {
    const translation = convertToAnthropicRequest(request, this.options.profileFor(request.model));
    const response = await this.send(this.options.messagesUrl, JSON.stringify(translation.body), options, false);
    if (response.status < 200 || response.status >= 300) throw await anthropicErrorFromResponse(this.id, response);
    const json = await readJsonBody(this.id, response, options.signal);
    if (isAnthropicErrorBody(json)) throw anthropicStreamError(this.id, json);
    const converted = convertAnthropicResponse(json as AnthropicMessage, translation.context, { provider: this.id, model: request.model });
    return { response: converted.response, warnings: [...translation.warnings, ...converted.warnings] };
  }

  async *stream(request: ChatRequest, options: ProviderCallOptions = {}): AsyncGenerator<StreamPart> {
    const translation = convertToAnthropicRequest(request, this.options.profileFor(request.model), { stream: true });
    const response = await this.send(this.options.messagesUrl, JSON.stringify(translation.body), options, true);
    if (response.status < 200 || response.status >= 300) throw await anthropicErrorFromResponse(this.id, response);
    const translator = new AnthropicStreamTranslator({ provider: this.id, context: translation.context, warnings: translation.warnings });
    // A proxy that ignores `stream: true` answers with the whole message as JSON: replay it.
    const events = headerValue(response.headers, 'content-type')?.includes('application/json')
      ? wholeMessageEvents(response.body)
      : readSseEvents(bodyChunks(response.body));
    const parts = guardStream({ provider: this.id, body: response.body, signal: options.signal }, translate(events, translator));
    for await (const part of parts) {
      // Nothing was produced yet: fail like an HTTP error so the caller can retry or fall back.
      if (part.type === 'error' && !translator.started) throw part.error;
      yield part;
    }
  }

  /** `GET /v1/models`, following `has_more` pages. */
  async listModels(options: ProviderCallOptions = {}): Promise<ProviderModelInfo[]> {
    const models: ProviderModelInfo[] = [];
    let after: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const query = new URLSearchParams({ limit: '1000', ...(after !== undefined ? { after_id: after } : {}) });
      const response = await this.send(`${this.options.modelsUrl}?${query.toString()}`, undefined, options, false);
      if (response.status < 200 || response.status >= 300) throw await anthropicErrorFromResponse(this.id, response);
      const json = (await readJsonBody(this.id, response, options.signal)) as { data?: unknown; has_more?: unknown; last_id?: unknown };
      if (!Array.isArray(json?.data)) throw new ProviderError({ provider: this.id, kind: 'decode', message: 'the model list has no data array' });
      for (const item of json.data as Record<string, unknown>[]) {
        if (typeof item?.['id'] === 'string') models.push({ id: item['id'], ownedBy: 'anthropic' });
      }
      if (json.has_more !== true || typeof json.last_id !== 'string') break;
      after = json.last_id;
    }
    return models;
  }

  private send(url: string, body: string | undefined, options: ProviderCallOptions, streaming: boolean): Promise<HttpResponse> {
    return this.http.send({
      provider: this.id,
      url,
      method: body === undefined ? 'GET' : 'POST',
      headers: this.headers(options, streaming),
      ...(body !== undefined ? { body } : {}),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      streaming,
    });
  }

  private headers(options: ProviderCallOptions, streaming: boolean): Record<string, string> {
    const { apiKey, authToken, anthropicVersion, betas } = this.options;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: streaming ? 'text/event-stream' : 'application/json',
      'anthropic-version': anthropicVersion,
    };
    if (apiKey !== undefined) headers['x-api-key'] = apiKey;
    else if (authToken !== undefined) headers['authorization'] = `Bearer ${authToken}`;
    if (betas.length > 0) headers['anthropic-beta'] = betas.join(',');
    Object.assign(headers, lowerCaseKeys(this.options.headers), lowerCaseKeys(options.headers ?? {}));
    if (!headers['x-api-key'] && !headers['authorization']) {
      throw new ProviderError({
        provider: this.id,
        kind: 'auth',
        message: 'no Anthropic credentials: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN), or pass apiKey to createAnthropicAdapter',
      });
    }
    return headers;
  }
}

async function* translate(events: AsyncIterable<{ data: string }>, translator: AnthropicStreamTranslator): AsyncGenerator<StreamPart> {
  for await (const event of events) yield* translator.push(event.data);
}

/** A JSON body (a message or an error) as the events a stream of it would have had. */
async function* wholeMessageEvents(body: HttpResponse['body']): AsyncGenerator<{ data: string }> {
  const text = await body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    yield { data: text };
    return;
  }
  if (!json || typeof json !== 'object' || !Array.isArray((json as AnthropicMessage).content)) {
    yield { data: text }; // an error event, else a decode error
    return;
  }
  yield { data: JSON.stringify({ type: 'message_start', message: json }) };
  yield { data: JSON.stringify({ type: 'message_stop' }) };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
