import type { BaseAdapterOptions } from '../shared';
import type { GeminiSafetySetting } from './gemini-api-types';

/** How `image_url` parts with an http(s) URL are handled (data URLs and gs:// or Files API URIs always work). */
export interface GeminiImageUrlOptions {
  /**
   * `fetch` (default): the adapter downloads the image through its own dispatcher and sends it inline.
   * `refuse`: the request fails with a clear error naming the message part.
   */
  mode?: 'fetch' | 'refuse';
  /** Largest image accepted, in bytes. Default 10 MiB (Gemini caps a whole inline request at 20 MB). */
  maxBytes?: number;
  /** Time allowed for one image download (ms). Default 15 000. */
  timeoutMs?: number;
  /**
   * Decides whether a URL may be fetched (also checked on every redirect). The default refuses
   * `localhost` and literal loopback, private and link-local IP addresses; it does not resolve DNS
   * names, so pass your own check if requests come from untrusted callers on a sensitive network.
   */
  allow?: (url: URL) => boolean;
}

/**
 * Options of `createGeminiAdapter`.
 *
 * @example
 * const gemini = createGeminiAdapter({ apiKey: process.env.GEMINI_API_KEY, timeoutMs: 60_000 });
 */
export interface GeminiAdapterOptions extends BaseAdapterOptions {
  /** Gemini API key, sent in the `x-goog-api-key` header. Default: `GEMINI_API_KEY`, else `GOOGLE_API_KEY`. */
  apiKey?: string;
  /** Default `https://generativelanguage.googleapis.com/v1beta`. */
  baseURL?: string;
  /** Sent as `safetySettings` with every chat request. */
  safetySettings?: GeminiSafetySetting[];
  /** Handling of http(s) image URLs. */
  imageUrls?: GeminiImageUrlOptions;
  /**
   * How JSON Schemas (tool parameters, `response_format.json_schema`) are sent:
   * `openapi` (default) converts them to the OpenAPI subset of `parameters` / `responseSchema`,
   * dropping unsupported keywords with a warning; `json-schema` sends them unchanged as
   * `parametersJsonSchema` / `responseJsonSchema` (Gemini 2.5 and later).
   */
  schemaMode?: 'openapi' | 'json-schema';
  /**
   * Ask for thought summaries (`thinkingConfig.includeThoughts`) when the request sets
   * `reasoning_effort`; they come back as `reasoning_content`. Default true.
   */
  includeThoughts?: boolean;
}

export const DEFAULT_GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';
export const DEFAULT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_IMAGE_TIMEOUT_MS = 15_000;
