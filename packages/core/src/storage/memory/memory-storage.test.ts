import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock/clock';
import { describeStorageContracts } from '../../testing/all-contracts';
import { dumpThroughApi } from '../../testing/harness';
import { createMemoryStorage } from './create-memory-storage';

describeStorageContracts('memory', async () => {
  const clock = new ManualClock(Date.now());
  const storage = createMemoryStorage({ clock });
  return {
    storage,
    // One process, one store: a second router instance in this process shares it.
    peer: storage,
    clock,
    propagate: async () => {},
    dump: async () => dumpThroughApi(storage, (await storage.listTenants()).map((tenant) => tenant.slug)),
    cleanup: () => storage.close(),
  };
});

describe('memory storage without timers', () => {
  it('sweeps reservations nobody settled on a later reservation, at most once a minute', async () => {
    const clock = new ManualClock(Date.UTC(2026, 2, 9, 12));
    const storage = createMemoryStorage({ clock, reservationTtlMs: 60_000 });
    const amounts = { usdMicros: 10, tokens: 1, requests: 1 };
    const forgotten = await storage.ledger.reserve({ tenant: 'acme', amounts, limits: [] });
    expect(forgotten.ok).toBe(true);
    clock.advance(61_000);
    await storage.ledger.reserve({ tenant: 'acme', amounts, limits: [] });
    expect((await storage.ledger.usage('acme', 'day')).counters.reserved).toEqual(amounts);
  });
});
