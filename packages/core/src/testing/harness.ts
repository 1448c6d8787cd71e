import type { ManualClock } from '../clock/clock';
import type { RefractStorage } from '../storage/refract-storage';

/**
 * What a contract suite needs from a backend: a storage (with its rate limiter and ledger), a
 * second instance over the same data (what a second router instance would hold; the same object
 * for single-process backends), the clock both use, and cleanup.
 */
export interface StorageHarness {
  storage: RefractStorage;
  peer: RefractStorage;
  clock: ManualClock;
  /** Waits until config changes made through `storage` have reached `peer` (polling backends). */
  propagate(): Promise<void>;
  /** Everything the backend holds, as text, for scans (e.g. "no plain key anywhere"). */
  dump(): Promise<string>;
  cleanup(): Promise<void>;
}

export type StorageHarnessFactory = () => Promise<StorageHarness>;

let counter = 0;

/** A name unique within this process, so tests sharing one backend never collide. */
export function unique(base: string): string {
  counter += 1;
  return `${base}-${process.pid.toString(36)}-${Date.now().toString(36)}-${counter}`;
}

/**
 * Text of everything reachable through the Storage API for the given tenants: tenants, keys,
 * credentials, logs. Backends without a raw dump (memory) use this.
 */
export async function dumpThroughApi(storage: RefractStorage, tenants: readonly string[]): Promise<string> {
  const parts: unknown[] = [await storage.listTenants(), await storage.listRuleSets(), await storage.listCategories()];
  for (const tenant of tenants) {
    parts.push(await storage.listApiKeys(tenant), await storage.listCredentials(tenant));
    parts.push((await storage.queryRequestLogs({ tenant, limit: 500 })).items);
  }
  return JSON.stringify(parts);
}
