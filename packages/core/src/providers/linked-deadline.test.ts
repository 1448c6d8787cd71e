import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkedDeadline } from './linked-deadline';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('linkedDeadline', () => {
  it('fires with its own reason after the deadline, not touching the caller', async () => {
    const caller = new AbortController();
    const deadline = linkedDeadline(caller.signal, 20, () => new DOMException('too slow', 'TimeoutError'));
    await sleep(40);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(caller.signal.aborted).toBe(false);
    deadline.release();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it("follows the caller's abort and its reason, also when the caller was aborted before", () => {
    const caller = new AbortController();
    const deadline = linkedDeadline(caller.signal, 10_000, () => new Error('deadline'));
    caller.abort(new Error('client left'));
    expect((deadline.signal.reason as Error).message).toBe('client left');
    deadline.release();
    const late = linkedDeadline(caller.signal, 10_000, () => new Error('deadline'));
    expect((late.signal.reason as Error).message).toBe('client left');
    late.release();
  });

  it('stopTimer keeps the link; release ends both', async () => {
    const caller = new AbortController();
    const kept = linkedDeadline(caller.signal, 20, () => new Error('deadline'));
    kept.stopTimer();
    await sleep(40);
    expect(kept.signal.aborted).toBe(false);
    const released = linkedDeadline(caller.signal, 10_000, () => new Error('deadline'));
    released.release();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    caller.abort();
    expect(kept.signal.aborted).toBe(true);
    expect(released.signal.aborted).toBe(false);
    const alone = linkedDeadline(undefined, 20, () => new Error('deadline'));
    await sleep(40);
    expect((alone.signal.reason as Error).message).toBe('deadline');
  });
});
