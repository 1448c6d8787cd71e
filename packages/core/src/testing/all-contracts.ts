import { describeAdmissionContract } from './admission-contract';
import type { StorageHarnessFactory } from './harness';
import { describeIdempotencyContract } from './idempotency-contract';
import { describeLedgerContract } from './ledger-contract';
import { describeRateLimiterContract } from './rate-limiter-contract';
import { describeStorageConfigContract } from './storage-config-contract';
import { describeStorageRecordsContract } from './storage-records-contract';

/**
 * Every contract suite against one backend.
 *
 * @example
 * describeStorageContracts('memory', async () => memoryHarness());
 */
export function describeStorageContracts(name: string, factory: StorageHarnessFactory): void {
  describeStorageConfigContract(name, factory);
  describeStorageRecordsContract(name, factory);
  describeRateLimiterContract(name, factory);
  describeLedgerContract(name, factory);
  describeIdempotencyContract(name, factory);
  describeAdmissionContract(name, factory);
}
