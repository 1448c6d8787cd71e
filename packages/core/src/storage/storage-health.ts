/** How configuration changes reach this instance. */
export type ChangeFeedMode = 'local' | 'change-stream' | 'polling';

/**
 * The state of a storage backend, for `/health`. `degraded` means some operations fail but
 * cached configuration is still served (`servingFromCache`); `down` means nothing works.
 */
export interface StorageHealth {
  backend: string;
  status: 'ok' | 'degraded' | 'down';
  changeFeed: ChangeFeedMode;
  /** Why the feed is in this mode, e.g. "change streams unsupported (code 115): polling every 5000 ms". */
  changeFeedDetail?: string;
  servingFromCache: boolean;
  lastError?: { message: string; at: number };
  /** Epoch milliseconds of this check. */
  checkedAt: number;
}
