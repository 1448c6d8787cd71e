import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { ProviderError, linkedDeadline } from '@refract/core';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, type BaseAdapterOptions } from './adapter-options';

export type ResponseBody = Dispatcher.ResponseData['body'];

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: ResponseBody;
}

export interface HttpCall {
  provider: string;
  url: string;
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Streams keep the connection open; `timeoutMs` then bounds headers and idle gaps, not the whole call. */
  streaming?: boolean;
}

/**
 * The HTTP client of one adapter instance: undici with a keep-alive pool (or the caller's
 * dispatcher), connect/headers/body timeouts and abort. Failures before a response arrives become
 * `ProviderError`s of kind `network`, `timeout` or `aborted`.
 */
export class HttpClient {
  readonly dispatcher: Dispatcher;
  private readonly defaultTimeoutMs: number;
  private readonly ownsDispatcher: boolean;

  constructor(options: BaseAdapterOptions) {
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        keepAliveTimeout: 30_000,
        keepAliveMaxTimeout: 600_000,
        connect: { timeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS },
      });
    this.defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async send(call: HttpCall): Promise<HttpResponse> {
    const timeoutMs = call.timeoutMs ?? this.defaultTimeoutMs;
    if (call.signal?.aborted) throw abortedError(call.provider, call.signal);
    // JSON: one deadline for headers and body. Streams: a precise deadline until the headers
    // arrive (undici's own timers tick at ~1 s), then undici's bodyTimeout bounds the gaps.
    const message = call.streaming ? `no response headers within ${timeoutMs} ms` : `no complete response within ${timeoutMs} ms`;
    // A TimeoutError, as `AbortSignal.timeout` would give: undici rethrows it from a body read.
    const link = linkedDeadline(call.signal, timeoutMs, () => new DOMException(message, 'TimeoutError'));
    try {
      const response = await request(call.url, {
        method: call.method ?? 'POST',
        headers: call.headers ?? {},
        body: call.body ?? null,
        dispatcher: this.dispatcher,
        signal: link.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      if (call.streaming) link.stopTimer();
      // The link to the caller's signal lives as long as the body: reading it can still be aborted.
      response.body.once('close', link.release);
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      link.release();
      throw toNetworkError(call.provider, error, call.signal, link.signal);
    }
  }

  /** Closes the adapter's own pool (not a dispatcher the caller passed in). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

function abortedError(provider: string, signal: AbortSignal): ProviderError {
  return new ProviderError({ provider, kind: 'aborted', message: 'the call was aborted by the caller', cause: signal.reason });
}

/**
 * Maps a failure while sending or reading to a `ProviderError`: the caller's abort → `aborted`,
 * our own deadline or undici's header/body timeouts → `timeout`, anything else → `network`.
 */
export function toNetworkError(
  provider: string,
  error: unknown,
  callerSignal?: AbortSignal,
  deadline?: AbortSignal,
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (callerSignal?.aborted) return abortedError(provider, callerSignal);
  if (
    deadline?.aborted ||
    isTimeoutAbort(error) ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new ProviderError({ provider, kind: 'timeout', message: `timed out: ${messageOf(error)}`, cause: error });
  }
  return new ProviderError({ provider, kind: 'network', message: `network error: ${messageOf(error)}`, cause: error });
}

/** The reason undici throws when an `AbortSignal.timeout()` fires mid-body (a DOMException named TimeoutError). */
function isTimeoutAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'TimeoutError';
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

/** Reads a header as one string (first value of a repeated header). */
export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The chunks of a streamed response body, for a reader that stops at the provider's last event
 * (`[DONE]`, `message_stop`, `done: true`): stopping does not destroy the body, as a plain
 * `for await` would. `guardStream` then lets a finished response end on its own, so its
 * keep-alive connection goes back to the pool instead of being cut on every stream.
 */
export function bodyChunks(body: ResponseBody): AsyncIterable<Uint8Array> {
  return body.iterator({ destroyOnReturn: false });
}
