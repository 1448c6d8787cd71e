import type { SessionState } from '@refract/core';
import type { Collection, Document } from 'mongodb';
import { stripFields, withoutUndefined } from '../mongo-errors';

/** Session state (expiring after `sessionTtlMs` idle) and learned context windows. */
export class MongoStateStore {
  constructor(
    private readonly sessions: Collection<Document>,
    private readonly contextWindows: Collection<Document>,
    private readonly sessionTtlMs: number,
    private readonly now: () => number,
  ) {}

  async getSessionState(tenant: string, sessionId: string): Promise<SessionState | undefined> {
    const document = await this.sessions.findOne({ _id: JSON.stringify([tenant, sessionId]) as never });
    if (!document || Number(document['updatedAt']) + this.sessionTtlMs <= this.now()) return undefined;
    return stripFields<SessionState>(document, ['expiresAt']);
  }

  async putSessionState(tenant: string, sessionId: string, state: SessionState): Promise<void> {
    await this.sessions.replaceOne(
      { _id: JSON.stringify([tenant, sessionId]) as never },
      { ...withoutUndefined(state), expiresAt: new Date(state.updatedAt + this.sessionTtlMs) },
      { upsert: true },
    );
  }

  async getLearnedContextWindow(provider: string, model: string): Promise<number | undefined> {
    const document = await this.contextWindows.findOne({ _id: JSON.stringify([provider, model]) as never });
    return document ? Number(document['contextWindow']) : undefined;
  }

  async putLearnedContextWindow(provider: string, model: string, contextWindow: number): Promise<void> {
    await this.contextWindows.replaceOne(
      { _id: JSON.stringify([provider, model]) as never },
      { provider, model, contextWindow, updatedAt: new Date(this.now()) },
      { upsert: true },
    );
  }
}
