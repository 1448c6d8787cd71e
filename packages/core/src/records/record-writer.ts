import type { RecordStore } from '../storage/storage';
import type { RequestLog } from './request-log';

/** Where the writer reports trouble. `console` fits; pass your logger (pino, winston…) instead. */
export interface RecordWriterLogger {
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface RecordWriterOptions {
  store: Pick<RecordStore, 'writeRequestLogs'>;
  /** Records waiting to be written, at most (default 10 000). */
  maxQueue?: number;
  /** Records per storage write (default 200). */
  batchSize?: number;
  /** A partial batch is written after at most this long (default 250 ms). */
  flushIntervalMs?: number;
  /** Back-off after a failed write starts here and doubles up to `maxRetryDelayMs` (defaults 200 ms, 10 s). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /**
   * Where records go that cannot be queued (queue full) or written before `close` gives up, e.g.
   * an append to a JSONL file. Without it they are dropped, counted in `stats().dropped` and
   * reported to `logger.error`. A throwing spill counts as a drop too.
   */
  spill?: (records: RequestLog[], reason: 'queue_full' | 'shutdown') => void | Promise<void>;
  logger?: RecordWriterLogger;
}

export interface RecordWriterStats {
  enqueued: number;
  written: number;
  queued: number;
  spilled: number;
  dropped: number;
  failedWrites: number;
  lastError?: string;
}

/**
 * Writes request logs off the response path: `enqueue` returns at once and never throws; a
 * background loop writes batches; failed writes are retried with back-off and keep their place
 * in the queue. When the queue is full a new record is spilled (if `spill` is set) or dropped,
 * and every such record is counted and logged: nothing is lost silently.
 */
export interface RecordWriter {
  /** Queues a record. Returns false when it could not be queued (spilled or dropped instead). */
  enqueue(record: RequestLog): boolean;
  /** Resolves once everything queued before the call is written; false if `timeoutMs` ran out first. */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Stops accepting, writes what is queued (up to `timeoutMs`, default 10 s), spills or drops the rest. */
  close(timeoutMs?: number): Promise<RecordWriterStats>;
  stats(): RecordWriterStats;
}

/**
 * Creates the bounded asynchronous log writer. Call `close()` on shutdown.
 *
 * @example
 * const records = createRecordWriter({ store: storage });
 * records.enqueue(log);
 * process.on('SIGTERM', () => void records.close());
 */
export function createRecordWriter(options: RecordWriterOptions): RecordWriter {
  const maxQueue = options.maxQueue ?? 10_000;
  const batchSize = options.batchSize ?? 200;
  const flushIntervalMs = options.flushIntervalMs ?? 250;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
  const logger = options.logger ?? console;
  const queue: RequestLog[] = [];
  const counters: RecordWriterStats = { enqueued: 0, written: 0, queued: 0, spilled: 0, dropped: 0, failedWrites: 0 };
  let closed = false;
  let stopped = false;
  let writing: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let lastOverflowLog = 0;
  const waiters: Array<{ target: number; resolve: () => void }> = [];

  const lose = (records: RequestLog[], reason: 'queue_full' | 'shutdown'): void => {
    const drop = (cause?: unknown): void => {
      counters.dropped += records.length;
      const now = Date.now();
      if (reason === 'shutdown' || now - lastOverflowLog >= 10_000) {
        lastOverflowLog = now;
        logger.error(`refract: ${records.length} request log(s) dropped (${reason}); ${counters.dropped} dropped in total`, {
          reason,
          droppedTotal: counters.dropped,
          ids: records.slice(0, 10).map((record) => record.id),
          ...(cause !== undefined ? { spillError: String(cause) } : {}),
        });
      }
    };
    if (!options.spill) return drop();
    try {
      const result = options.spill(records, reason);
      counters.spilled += records.length;
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          counters.spilled -= records.length;
          drop(error);
        });
      }
    } catch (error) {
      drop(error);
    }
  };

  const settleWaiters = (): void => {
    for (let index = waiters.length - 1; index >= 0; index -= 1) {
      const waiter = waiters[index];
      if (waiter && counters.written + counters.dropped + counters.spilled >= waiter.target) {
        waiters.splice(index, 1);
        waiter.resolve();
      }
    }
  };

  const schedule = (delayMs: number): void => {
    if (timer !== undefined || writing !== undefined || queue.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void writeNext();
    }, delayMs);
    if (typeof timer === 'object' && timer && 'unref' in timer) timer.unref();
  };

  const writeNext = async (): Promise<void> => {
    if (stopped || writing || queue.length === 0) return;
    const batch = queue.slice(0, batchSize);
    writing = (async () => {
      try {
        await options.store.writeRequestLogs(batch);
        queue.splice(0, batch.length);
        counters.written += batch.length;
        failures = 0;
      } catch (error) {
        failures += 1;
        counters.failedWrites += 1;
        counters.lastError = error instanceof Error ? error.message : String(error);
        if (failures === 1 || failures % 10 === 0) {
          logger.warn(`refract: writing ${batch.length} request log(s) failed (attempt ${failures}); retrying`, { error: counters.lastError, queued: queue.length });
        }
      }
    })();
    await writing;
    writing = undefined;
    settleWaiters();
    if (stopped || queue.length === 0) return;
    if (failures > 0) schedule(Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (failures - 1)));
    else if (queue.length >= batchSize || closed) void writeNext();
    else schedule(flushIntervalMs);
  };

  const flush = (timeoutMs = 10_000): Promise<boolean> => {
    const target = counters.enqueued;
    if (counters.written + counters.dropped + counters.spilled >= target) return Promise.resolve(true);
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (failures === 0) void writeNext();
    return new Promise<boolean>((resolve) => {
      const waiter = { target, resolve: () => { clearTimeout(deadline); resolve(true); } };
      const deadline = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        resolve(false);
      }, timeoutMs);
      waiters.push(waiter);
    });
  };

  return {
    enqueue(record: RequestLog): boolean {
      counters.enqueued += 1;
      if (closed || queue.length >= maxQueue) {
        lose([record], closed ? 'shutdown' : 'queue_full');
        settleWaiters();
        return false;
      }
      queue.push(record);
      if (queue.length >= batchSize && failures === 0) void writeNext();
      else schedule(failures > 0 ? Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (failures - 1)) : flushIntervalMs);
      return true;
    },
    flush,
    async close(timeoutMs = 10_000): Promise<RecordWriterStats> {
      closed = true;
      const done = await flush(timeoutMs);
      if (!done) {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        if (writing) await writing;
        const rest = queue.splice(0, queue.length);
        if (rest.length > 0) lose(rest, 'shutdown');
        settleWaiters();
      }
      return this.stats();
    },
    stats(): RecordWriterStats {
      return { ...counters, queued: queue.length };
    },
  };
}
