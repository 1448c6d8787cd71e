/**
 * `@refract/core/testing`: the contract suites every storage backend must pass, for vitest.
 * Write a `StorageHarnessFactory` for your backend and call `describeStorageContracts`.
 */
export { type StorageHarness, type StorageHarnessFactory, unique, dumpThroughApi } from './harness';
export { makeTenant, makeLog } from './fixtures';
export { describeStorageConfigContract } from './storage-config-contract';
export { describeStorageRecordsContract } from './storage-records-contract';
export { describeRateLimiterContract } from './rate-limiter-contract';
export { describeLedgerContract } from './ledger-contract';
export { describeIdempotencyContract } from './idempotency-contract';
export { describeAdmissionContract } from './admission-contract';
export { describeStorageContracts } from './all-contracts';
