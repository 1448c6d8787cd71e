import type { ProviderAdapter } from '@refract/core';

/**
 * A provider adapter that owns a keep-alive connection pool, which `close()` releases (a
 * `dispatcher` the caller passed in is left open). `ProviderAdapter` itself stays unchanged.
 */
export type ClosableProviderAdapter = ProviderAdapter & {
  close(): Promise<void>;
};
