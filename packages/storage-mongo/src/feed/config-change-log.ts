import { type ConfigChange, ConfigChangeEmitter } from '@refract/core';
import type { Collections } from '../collections';

/** How long change records are kept (instances offline longer resynchronise everything). */
export const CHANGE_LOG_TTL_MS = 86_400_000;

/**
 * The shared log of config changes: one document per change with a sequence number from an
 * atomic counter (`_id`). Writers append after changing data; every instance's feed (change
 * stream or polling) reads it and tells local listeners. Changes made here are told to local
 * listeners at once and skipped when the feed brings them back.
 */
export class ConfigChangeLog {
  readonly emitter: ConfigChangeEmitter;
  private readonly own = new Set<number>();
  /** The highest sequence number the feed has delivered (own changes included). */
  highestDelivered = 0;

  constructor(
    private readonly collections: Collections,
    private readonly now: () => number,
    onListenerError: (error: unknown) => void,
  ) {
    this.emitter = new ConfigChangeEmitter(onListenerError);
  }

  async record(change: Omit<ConfigChange, 'at'>): Promise<void> {
    const at = this.now();
    const counter = await this.collections.counters.findOneAndUpdate(
      { _id: 'config_changes' as never },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    const seq = Number(counter?.['seq']);
    if (!Number.isSafeInteger(seq)) throw new Error('the config change counter returned no sequence number');
    this.own.add(seq);
    if (this.own.size > 10_000) this.own.delete(this.own.values().next().value as number);
    await this.collections.config_changes.insertOne({
      _id: seq as never,
      kind: change.kind,
      ...(change.id !== undefined ? { id: change.id } : {}),
      ...(change.tenant !== undefined ? { tenant: change.tenant } : {}),
      at,
      expiresAt: new Date(at + CHANGE_LOG_TTL_MS),
    });
    this.emitter.emit({ ...change, at });
  }

  /** The current end of the log (0 when nothing was ever written). */
  async currentSequence(): Promise<number> {
    const counter = await this.collections.counters.findOne({ _id: 'config_changes' as never });
    return Number(counter?.['seq'] ?? 0);
  }

  /** Called by the feed for each change document; returns false for changes this instance made. */
  deliver(document: Record<string, unknown>, onChange: (change: ConfigChange) => void): boolean {
    const seq = Number(document['_id']);
    this.highestDelivered = Math.max(this.highestDelivered, seq);
    if (this.own.delete(seq)) return false;
    const change: ConfigChange = { kind: document['kind'] as ConfigChange['kind'], at: Number(document['at'] ?? this.now()) };
    if (typeof document['id'] === 'string') change.id = document['id'];
    if (typeof document['tenant'] === 'string') change.tenant = document['tenant'];
    onChange(change);
    this.emitter.emit(change);
    return true;
  }
}
