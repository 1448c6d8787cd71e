import type { ConfigChange } from '@refract/core';
import type { ChangeStream, Collection, Document } from 'mongodb';
import type { HealthTracker } from '../health-tracker';
import { messageOf } from '../mongo-errors';
import type { ConfigChangeLog } from './config-change-log';
import { PollingFeed } from './polling-feed';

export type ConfigFeedMode = 'auto' | 'change-stream' | 'polling';

export interface ConfigFeed {
  readonly mode: 'change-stream' | 'polling';
  /** Reads what is pending now (polling); a change stream delivers on its own. */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartConfigFeedOptions {
  collection: Collection<Document>;
  log: ConfigChangeLog;
  onChange: (change: ConfigChange) => void;
  mode: ConfigFeedMode;
  pollIntervalMs: number;
  health: HealthTracker;
  onError: (error: unknown, context: string) => void;
}

/**
 * Starts watching the config change log: with a change stream when the server has them (a
 * replica set or sharded cluster), else by polling. `auto` tries the change stream and falls back
 * to polling when the server refuses (code 115 or 40573 on a standalone, or DocumentDB), and says
 * why in health; `change-stream` fails instead of falling back. A change stream that breaks later
 * also falls back to polling, after telling listeners that everything may have changed.
 */
export async function startConfigFeed(options: StartConfigFeedOptions): Promise<ConfigFeed> {
  const from = await options.log.currentSequence();
  if (options.mode !== 'polling') {
    try {
      return await changeStreamFeed(options);
    } catch (error) {
      if (options.mode === 'change-stream') {
        throw new Error(`configFeed 'change-stream' was requested but the server refused a change stream: ${messageOf(error)}`, { cause: error });
      }
      return pollingFeed(options, from, `change streams unavailable (${codeOf(error)}): polling every ${options.pollIntervalMs} ms`);
    }
  }
  return pollingFeed(options, from, `polling every ${options.pollIntervalMs} ms (configFeed: 'polling')`);
}

function pollingFeed(options: StartConfigFeedOptions, from: number, detail: string): ConfigFeed {
  const feed = new PollingFeed({
    collection: options.collection,
    log: options.log,
    onChange: options.onChange,
    intervalMs: options.pollIntervalMs,
    onError: (error) => {
      options.health.failure(error);
      options.health.feedDetail = `${detail}; last poll failed: ${messageOf(error)}`;
    },
    onRecovered: () => {
      options.health.feedDetail = detail;
    },
  });
  options.health.feedMode = 'polling';
  options.health.feedDetail = detail;
  feed.start(from);
  return { mode: 'polling', sync: () => feed.pollNow(), stop: () => feed.stop() };
}

/** Opens the change stream (event mode) and resolves once the server accepted it, or rejects. */
async function changeStreamFeed(options: StartConfigFeedOptions): Promise<ConfigFeed> {
  const stream: ChangeStream = options.collection.watch([{ $match: { operationType: 'insert' } }]);
  let fallback: ConfigFeed | undefined;
  let started = false;
  let stopped = false;
  await new Promise<void>((resolve, reject) => {
    stream.once('init', () => {
      started = true;
      resolve();
    });
    stream.on('error', (error: unknown) => {
      if (!started) {
        void stream.close().catch(() => {});
        reject(error);
        return;
      }
      if (stopped || fallback) return;
      options.onError(error, 'config change stream failed; falling back to polling');
      void stream.close().catch(() => {});
      void options.log.currentSequence().then(
        (from) => {
          const change: ConfigChange = { kind: 'all', at: Date.now() };
          options.onChange(change);
          options.log.emitter.emit(change);
          fallback = pollingFeed(options, from, `change stream failed (${messageOf(error)}): polling every ${options.pollIntervalMs} ms`);
        },
        (readError: unknown) => options.onError(readError, 'could not start polling after the change stream failed'),
      );
    });
    stream.on('change', (event: Document) => {
      const document = event['fullDocument'] as Record<string, unknown> | undefined;
      if (document) options.log.deliver(document, options.onChange);
    });
  });
  options.health.feedMode = 'change-stream';
  options.health.feedDetail = 'change stream on the config change log';
  return {
    get mode() {
      return fallback ? fallback.mode : 'change-stream';
    },
    sync: async () => {
      if (fallback) return fallback.sync();
      const target = await options.log.currentSequence();
      const deadline = Date.now() + 5_000;
      while (options.log.highestDelivered < target && Date.now() < deadline && !fallback) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    stop: async () => {
      stopped = true;
      await stream.close().catch(() => {});
      await fallback?.stop();
    },
  };
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return code === undefined ? messageOf(error) : `code ${String(code)}`;
}
