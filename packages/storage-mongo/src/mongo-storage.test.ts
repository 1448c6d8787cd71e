import { describeStorageContracts } from '@refract/core/testing';
import { describe, expect, it } from 'vitest';
import { mongoHarness, testMongoUri } from './testing/mongo-test-server';

describe('the MongoDB these tests run against', () => {
  // Without MONGODB_URI and without a downloadable mongod this fails with instructions (never a skip).
  it('is reachable', async () => {
    expect(await testMongoUri()).toMatch(/^mongodb(\+srv)?:\/\//);
  });
});

describeStorageContracts('mongodb (two instances, one database)', () => mongoHarness());
