import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory/create-memory-storage';
import { makeLog } from '../testing/fixtures';
import { createRecordWriter, type RecordWriterLogger } from './record-writer';
import type { RequestLog } from './request-log';

function capturingLogger() {
  const lines: Array<{ level: string; message: string; detail?: Record<string, unknown> }> = [];
  const logger: RecordWriterLogger = {
    warn: (message, detail) => lines.push({ level: 'warn', message, ...(detail ? { detail } : {}) }),
    error: (message, detail) => lines.push({ level: 'error', message, ...(detail ? { detail } : {}) }),
  };
  return { lines, logger };
}

const logs = (count: number, tenant = 'acme'): RequestLog[] => Array.from({ length: count }, (_, index) => makeLog({ tenant, timestamp: 1_700_000_000_000 + index }));

describe('createRecordWriter', () => {
  it('returns at once and writes everything in batches in the background', async () => {
    const storage = createMemoryStorage();
    const batches: number[] = [];
    const writer = createRecordWriter({
      store: { writeRequestLogs: async (batch) => { batches.push(batch.length); await storage.writeRequestLogs(batch); } },
      batchSize: 40,
      flushIntervalMs: 5,
    });
    const records = logs(100);
    for (const record of records) expect(writer.enqueue(record)).toBe(true);
    expect(await writer.flush()).toBe(true);
    expect(batches.every((size) => size <= 40)).toBe(true);
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(100);
    expect((await storage.queryRequestLogs({ tenant: 'acme', limit: 500 })).items).toHaveLength(100);
    expect(writer.stats()).toMatchObject({ enqueued: 100, written: 100, queued: 0, dropped: 0 });
  });

  it('retries failed writes with back-off and keeps the order; nothing is lost', async () => {
    const written: string[] = [];
    let failuresLeft = 3;
    const { lines, logger } = capturingLogger();
    const writer = createRecordWriter({
      store: {
        writeRequestLogs: async (batch) => {
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('connection reset');
          }
          written.push(...batch.map((record) => record.id));
        },
      },
      batchSize: 10,
      flushIntervalMs: 1,
      retryDelayMs: 2,
      logger,
    });
    const records = logs(25);
    records.forEach((record) => writer.enqueue(record));
    expect(await writer.flush(5000)).toBe(true);
    expect(written).toEqual(records.map((record) => record.id));
    expect(writer.stats()).toMatchObject({ written: 25, failedWrites: 3, dropped: 0, lastError: 'connection reset' });
    expect(lines.some((line) => line.level === 'warn' && line.message.includes('retrying'))).toBe(true);
  });

  it('when the queue is full, new records are dropped, counted and logged (never silently)', async () => {
    const { lines, logger } = capturingLogger();
    const writer = createRecordWriter({ store: { writeRequestLogs: () => new Promise(() => {}) }, maxQueue: 5, batchSize: 100, flushIntervalMs: 1000, logger });
    const accepted = logs(8).map((record) => writer.enqueue(record));
    expect(accepted).toEqual([true, true, true, true, true, false, false, false]);
    expect(writer.stats()).toMatchObject({ enqueued: 8, queued: 5, dropped: 3 });
    const errors = lines.filter((line) => line.level === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]?.message).toContain('dropped (queue_full)');
  });

  it('with a spill, overflow goes there instead of being dropped', async () => {
    const spilled: Array<{ ids: string[]; reason: string }> = [];
    const writer = createRecordWriter({
      store: { writeRequestLogs: () => new Promise(() => {}) },
      maxQueue: 2,
      flushIntervalMs: 1000,
      spill: (records, reason) => { spilled.push({ ids: records.map((record) => record.id), reason }); },
    });
    const records = logs(4);
    records.forEach((record) => writer.enqueue(record));
    expect(spilled).toEqual([{ ids: [records[2]!.id], reason: 'queue_full' }, { ids: [records[3]!.id], reason: 'queue_full' }]);
    expect(writer.stats()).toMatchObject({ spilled: 2, dropped: 0 });
  });

  it('a throwing spill counts as a drop and is logged', async () => {
    const { lines, logger } = capturingLogger();
    const writer = createRecordWriter({
      store: { writeRequestLogs: () => new Promise(() => {}) },
      maxQueue: 1,
      flushIntervalMs: 1000,
      logger,
      spill: () => { throw new Error('disk full'); },
    });
    logs(2).forEach((record) => writer.enqueue(record));
    expect(writer.stats()).toMatchObject({ spilled: 0, dropped: 1 });
    expect(lines.find((line) => line.level === 'error')?.detail).toMatchObject({ spillError: 'Error: disk full' });
  });

  it('close() flushes what is queued; afterwards enqueue is refused and counted', async () => {
    const storage = createMemoryStorage();
    const { logger } = capturingLogger();
    const writer = createRecordWriter({ store: storage, flushIntervalMs: 10_000, logger });
    logs(30).forEach((record) => writer.enqueue(record));
    const stats = await writer.close();
    expect(stats).toMatchObject({ written: 30, queued: 0, dropped: 0 });
    expect(writer.enqueue(logs(1)[0]!)).toBe(false);
    expect(writer.stats().dropped).toBe(1);
  });

  it('close() gives up after its timeout when storage stays down, and spills the rest with reason shutdown', async () => {
    const spilled: string[] = [];
    const writer = createRecordWriter({
      store: { writeRequestLogs: async () => { throw new Error('unreachable'); } },
      retryDelayMs: 5,
      logger: capturingLogger().logger,
      spill: (records, reason) => { if (reason === 'shutdown') spilled.push(...records.map((record) => record.id)); },
    });
    const records = logs(7);
    records.forEach((record) => writer.enqueue(record));
    const stats = await writer.close(100);
    expect(spilled).toEqual(records.map((record) => record.id));
    expect(stats).toMatchObject({ enqueued: 7, written: 0, spilled: 7, queued: 0 });
  });

  it('enqueue never throws, even when the store throws synchronously', async () => {
    const writer = createRecordWriter({
      store: { writeRequestLogs: () => { throw new Error('sync failure'); } },
      batchSize: 1,
      retryDelayMs: 1,
      logger: capturingLogger().logger,
    });
    expect(() => writer.enqueue(logs(1)[0]!)).not.toThrow();
    await writer.close(50);
    expect(writer.stats()).toMatchObject({ dropped: 1, written: 0 });
  });
});
