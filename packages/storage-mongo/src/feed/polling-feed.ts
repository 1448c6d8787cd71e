import type { ConfigChange } from '@refract/core';
import type { Collection, Document } from 'mongodb';
import type { ConfigChangeLog } from './config-change-log';

export interface PollingFeedOptions {
  collection: Collection<Document>;
  log: ConfigChangeLog;
  /** Invalidates caches for one change, before listeners hear of it. */
  onChange: (change: ConfigChange) => void;
  intervalMs: number;
  /** A sequence number still missing after this long is given up, and everything is invalidated (default 30 s). */
  gapTimeoutMs?: number;
  onError: (error: unknown) => void;
  onRecovered: () => void;
}

/**
 * Reads the change log by sequence number. Sequence numbers are taken before the document is
 * written, so a writer can land after a later one; the feed therefore tracks the highest
 * contiguous number it has seen (`lowWater`) and re-reads from there, and a number that stays
 * missing (its writer died) is skipped after `gapTimeoutMs` with an `all` change, so no change is
 * ever silently missed.
 */
export class PollingFeed {
  private lowWater = 0;
  private readonly seen = new Set<number>();
  private gapSince: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;

  constructor(private readonly options: PollingFeedOptions) {}

  /** Starts after `fromSequence` (the log's end when the instance started). */
  start(fromSequence: number): void {
    this.lowWater = fromSequence;
    this.schedule();
  }

  /** Polls now and resolves when done (tests and `syncConfig()` use it). */
  async pollNow(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.poll().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) await this.running.catch(() => {});
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollNow().finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref?.();
  }

  private async poll(): Promise<void> {
    try {
      for (;;) {
        const documents = await this.options.collection.find({ _id: { $gt: this.lowWater } as never }).sort({ _id: 1 }).limit(500).toArray();
        for (const document of documents) {
          const seq = Number(document['_id']);
          if (this.seen.has(seq)) continue;
          this.seen.add(seq);
          this.options.log.deliver(document, this.options.onChange);
        }
        this.advance();
        if (documents.length < 500) break;
      }
      if (this.failing) {
        this.failing = false;
        this.options.onRecovered();
      }
    } catch (error) {
      this.failing = true;
      this.options.onError(error);
    }
  }

  private advance(): void {
    while (this.seen.delete(this.lowWater + 1)) this.lowWater += 1;
    if (this.seen.size === 0) {
      this.gapSince = undefined;
      return;
    }
    const now = Date.now();
    this.gapSince ??= now;
    if (now - this.gapSince < (this.options.gapTimeoutMs ?? 30_000)) return;
    // The writer of lowWater + 1 never finished: skip it, and treat everything as changed.
    this.lowWater += 1;
    this.gapSince = undefined;
    const change: ConfigChange = { kind: 'all', at: now };
    this.options.onChange(change);
    this.options.log.emitter.emit(change);
    this.advance();
  }
}
