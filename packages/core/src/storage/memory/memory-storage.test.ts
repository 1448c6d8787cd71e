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
