import type { BaseAdapterOptions } from '../shared';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';
export const OLLAMA_DEFAULT_PORT = '11434';

/** Options of `createOllamaAdapter`. */
export interface OllamaAdapterOptions extends BaseAdapterOptions {
  /**
   * The Ollama server, e.g. `http://gpu-box:11434`. Default `OLLAMA_HOST`, else
   * `http://127.0.0.1:11434`. Like Ollama's own clients, a host without a scheme gets `http://`
   * and, then, port 11434 when none is given.
   */
  host?: string;
  /** Sent as `Authorization: Bearer` (Ollama's cloud API, or a proxy in front of a server). */
  apiKey?: string;
  /**
   * Ollama takes images as base64 only. http(s) image URLs are fetched through this adapter's
   * dispatcher (default) or, when false, refused with a clear error. Never silently dropped.
   */
  fetchImageUrls?: boolean;
  /** Largest image fetched from a URL, in bytes. Default 20 MiB. */
  maxImageBytes?: number;
  /**
   * Also fetch image URLs on localhost and private, link-local or CGNAT addresses. Default false:
   * image URLs come from callers and must not reach internal services.
   */
  allowPrivateImageHosts?: boolean;
}

/** Resolves the host as Ollama's clients do: scheme and default port added when missing. */
export function resolveOllamaHost(host: string | undefined): string {
  // An empty OLLAMA_HOST counts as unset, as it does for Ollama itself.
  const raw = (host?.trim() || process.env['OLLAMA_HOST']?.trim() || DEFAULT_OLLAMA_HOST).replace(/\/+$/, '');
  if (/^https?:\/\//i.test(raw)) return raw;
  const hasPort = /:\d+$/.test(raw);
  return `http://${raw}${hasPort ? '' : `:${OLLAMA_DEFAULT_PORT}`}`;
}
