import type { Dispatcher } from 'undici';

/** Options every adapter accepts. */
export interface BaseAdapterOptions {
  /** Instance id, unique within a router (defaults to the adapter type). */
  id?: string;
  /** Extra headers sent with every call. */
  headers?: Record<string, string>;
  /**
   * undici dispatcher (Agent, Pool, ProxyAgent, MockAgent) for every call. By default each adapter
   * owns a keep-alive `Agent`, so connections are pooled per adapter.
   */
  dispatcher?: Dispatcher;
  /** Default per-call timeout (ms): whole call for JSON, headers and idle gaps for streams. Default 120 000. */
  timeoutMs?: number;
  /** TCP/TLS connect timeout (ms) for the adapter's own Agent. Default 10 000. */
  connectTimeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
