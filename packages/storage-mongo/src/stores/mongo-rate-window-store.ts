import type { RateLimitCost, RateWindowCounts, RateWindowStore } from '@refract/core';
import type { Collection, Document, Filter } from 'mongodb';
import { ensureDocument } from './ensure-document';

/**
 * Rate windows as documents `{ _id: scope|windowMs|start, requests, tokens, expiresAt }`. A
 * consume is one conditional `findOneAndUpdate`: the filter requires room for the cost and `$inc`
 * adds it, so the check and the increment are a single atomic step on the server and every
 * instance counts against the same number. A TTL index removes finished windows.
 */
export class MongoRateWindowStore implements RateWindowStore {
  constructor(private readonly collection: Collection<Document>) {}

  async incrementWithin(
    windowId: string,
    cost: RateLimitCost,
    caps: { requests?: number; tokens?: number },
    expiresAt: number,
  ): Promise<{ applied: boolean; counts: RateWindowCounts }> {
    const filter: Filter<Document> = { _id: windowId as never };
    if (caps.requests !== undefined) filter['requests'] = { $lte: caps.requests - cost.requests };
    if (caps.tokens !== undefined) filter['tokens'] = { $lte: caps.tokens - cost.tokens };
    const update = { $inc: { requests: cost.requests, tokens: cost.tokens } };
    // A null answer means "no room" or "no document yet" (or one created a moment ago): read it
    // back, and try again when it exists with room, so a race on creation never refuses wrongly.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const after = await this.collection.findOneAndUpdate(filter, update, { returnDocument: 'after' });
      if (after) return { applied: true, counts: countsOf(after) };
      const current = await this.collection.findOne({ _id: windowId as never });
      if (!current) {
        await ensureDocument(this.collection, windowId, { requests: 0, tokens: 0, expiresAt: new Date(expiresAt) });
        continue;
      }
      const counts = countsOf(current);
      const fits =
        (caps.requests === undefined || counts.requests + cost.requests <= caps.requests) &&
        (caps.tokens === undefined || counts.tokens + cost.tokens <= caps.tokens);
      if (!fits) return { applied: false, counts };
    }
    throw new Error(`rate window ${windowId}: the conditional update kept missing a window that has room`);
  }

  async adjust(windowId: string, delta: Partial<RateLimitCost>, expiresAt: number): Promise<void> {
    const increments = { requests: delta.requests ?? 0, tokens: Math.round(delta.tokens ?? 0) };
    await this.collection.updateOne({ _id: windowId as never }, { $inc: increments, $setOnInsert: { expiresAt: new Date(expiresAt) } }, { upsert: true }).catch(async (error: unknown) => {
      if ((error as { code?: unknown }).code !== 11000) throw error;
      await this.collection.updateOne({ _id: windowId as never }, { $inc: increments });
    });
    if (increments.requests < 0) await this.collection.updateOne({ _id: windowId as never, requests: { $lt: 0 } }, { $set: { requests: 0 } });
    if (increments.tokens < 0) await this.collection.updateOne({ _id: windowId as never, tokens: { $lt: 0 } }, { $set: { tokens: 0 } });
  }
}

function countsOf(document: Document): RateWindowCounts {
  return { requests: Number(document['requests'] ?? 0), tokens: Number(document['tokens'] ?? 0) };
}
