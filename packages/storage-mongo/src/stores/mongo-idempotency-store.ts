import type { IdempotencyClaim, IdempotencyClaimRequest, IdempotencyStore, StoredResponse } from '@refract/core';
import type { Collection, Document } from 'mongodb';
import { isDuplicateKeyError } from '../mongo-errors';

/** In-progress records outlive their lease by this much before the TTL index removes them. */
const IN_PROGRESS_GRACE_MS = 86_400_000;

/**
 * Idempotency records `{ _id: [tenant, key], state, fingerprint, token, leaseUntil, response,
 * completedUntil, expiresAt }`. A claim is one upsert whose filter only matches a record that may
 * be taken (expired, or its lease ran out): if a live record exists the upsert collides on `_id`
 * (E11000) and the record is read back instead. A TTL index on `expiresAt` removes old records.
 */
export class MongoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly collection: Collection<Document>) {}

  async claimIdempotencyKey(request: IdempotencyClaimRequest): Promise<IdempotencyClaim> {
    const id = JSON.stringify([request.tenant, request.key]);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        await this.collection.updateOne(
          {
            _id: id as never,
            $or: [
              { state: 'completed', completedUntil: { $lte: request.now } },
              { state: 'in_progress', leaseUntil: { $lte: request.now } },
            ],
          },
          {
            $set: {
              state: 'in_progress',
              fingerprint: request.fingerprint,
              token: request.token,
              leaseUntil: request.leaseUntil,
              expiresAt: new Date(request.leaseUntil + IN_PROGRESS_GRACE_MS),
            },
            $unset: { response: '', completedUntil: '' },
          },
          { upsert: true },
        );
        return { state: 'claimed' };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const current = await this.collection.findOne({ _id: id as never });
      if (!current) continue;
      if (current['state'] === 'completed' && Number(current['completedUntil']) > request.now) {
        return { state: 'completed', fingerprint: String(current['fingerprint']), response: current['response'] as StoredResponse };
      }
      if (current['state'] === 'in_progress' && Number(current['leaseUntil']) > request.now) {
        return { state: 'in_progress', fingerprint: String(current['fingerprint']), leaseUntil: Number(current['leaseUntil']) };
      }
    }
    throw new Error(`idempotency claim for key ${request.key} kept colliding`);
  }

  async completeIdempotencyKey(tenant: string, key: string, token: string, response: StoredResponse, expiresAt: number): Promise<void> {
    await this.collection.updateOne(
      { _id: JSON.stringify([tenant, key]) as never, token, state: 'in_progress' },
      { $set: { state: 'completed', response, completedUntil: expiresAt, expiresAt: new Date(expiresAt) } },
    );
  }

  async releaseIdempotencyKey(tenant: string, key: string, token: string): Promise<void> {
    await this.collection.deleteOne({ _id: JSON.stringify([tenant, key]) as never, token, state: 'in_progress' });
  }
}
