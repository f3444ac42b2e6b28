/** The warm pool's bookkeeping (sandbox/docker/warm-pool.ts), with fake containers: no Docker. */
import { describe, expect, it } from 'vitest';
import { WarmPool } from '../src/sandbox/docker/warm-pool.js';

interface Box {
  id: number;
  sample: string;
}

/** A pool whose creations settle when the test says so (or at once), recording everything. */
function harness(capacity: number, parallel = 2, opts: { manual?: boolean; failOn?: number[] } = {}) {
  let n = 0;
  const created: Box[] = [];
  const discarded: Box[] = [];
  const pending: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pool = new WarmPool<{ name: string }, Box>({
    capacity,
    parallel,
    create: (s) => {
      const id = ++n;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<Box>((resolve, reject) => {
        const done = (): void => {
          inFlight--;
          if (opts.failOn?.includes(id)) {
            reject(new Error('engine error'));
            return;
          }
          const b = { id, sample: s.name };
          created.push(b);
          resolve(b);
        };
        if (opts.manual) pending.push(done);
        else queueMicrotask(done);
      });
    },
    discard: async (b) => {
      discarded.push(b);
    },
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  const finishOne = async (): Promise<void> => {
    pending.shift()?.();
    await settle();
  };
  return {
    pool,
    created,
    discarded,
    settle,
    finishOne,
    get pending() {
      return pending.length;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

describe('WarmPool', () => {
  it('makes as many containers ahead as the sample will start, each handed out once', async () => {
    const h = harness(8);
    const a = { name: 'a' };
    h.pool.expect(a, 3);
    await h.settle();
    expect(h.created.map((b) => b.id)).toEqual([1, 2, 3]);
    const taken = [await h.pool.take(a), await h.pool.take(a), await h.pool.take(a)];
    expect(taken.map((b) => b?.id)).toEqual([1, 2, 3]);
    // the demand is met: a fourth start finds none and nothing more is made
    expect(await h.pool.take(a)).toBeUndefined();
    await h.settle();
    expect(h.created).toHaveLength(3);
    expect(h.pool.stats).toMatchObject({ created: 3, taken: 3, missed: 1, discarded: 0 });
  });

  it('stays within its capacity over all samples and refills as containers are taken', async () => {
    const h = harness(3);
    const a = { name: 'a' };
    const b = { name: 'b' };
    h.pool.expect(a, 4);
    h.pool.expect(b, 4);
    await h.settle();
    // the sample that asked first is served first
    expect(h.created.map((x) => x.sample)).toEqual(['a', 'a', 'a']);
    expect(h.pool.size).toBe(3);
    await h.pool.take(a);
    await h.settle();
    expect(h.pool.size).toBe(3);
    expect(h.created.map((x) => x.sample)).toEqual(['a', 'a', 'a', 'a']);
    await h.pool.take(a);
    await h.settle();
    // a's four are all made: the freed place goes to b
    expect(h.created.at(-1)?.sample).toBe('b');
    expect(h.pool.size).toBe(3);
  });

  it('runs at most `parallel` creations at once', async () => {
    const h = harness(10, 2, { manual: true });
    h.pool.expect({ name: 'a' }, 6);
    await h.settle();
    expect(h.pending).toBe(2);
    await h.finishOne();
    expect(h.pending).toBe(2);
    while (h.pending > 0) await h.finishOne();
    expect(h.created).toHaveLength(6);
    expect(h.maxInFlight).toBe(2);
  });

  it('a start waits for a creation under way rather than making another', async () => {
    const h = harness(4, 1, { manual: true });
    const a = { name: 'a' };
    h.pool.expect(a, 2);
    await h.settle();
    const t = h.pool.take(a);
    await h.finishOne();
    expect((await t)?.id).toBe(1);
  });

  it('release removes what a sample did not use, also containers still being made', async () => {
    const h = harness(4, 4, { manual: true });
    const a = { name: 'a' };
    h.pool.expect(a, 4);
    await h.settle();
    await h.finishOne();
    await h.finishOne();
    expect(h.created).toHaveLength(2);
    await h.pool.take(a);
    const released = h.pool.release(a);
    // the two under way are removed once made
    await h.finishOne();
    await h.finishOne();
    await released;
    expect(h.discarded.map((b) => b.id).sort()).toEqual([2, 3, 4]);
    expect(h.pool.size).toBe(0);
    // a released sample gets nothing more
    expect(await h.pool.take(a)).toBeUndefined();
  });

  it('drain removes everything made ahead for every sample, and the pool serves again afterwards', async () => {
    const h = harness(6);
    h.pool.expect({ name: 'a' }, 3);
    h.pool.expect({ name: 'b' }, 3);
    await h.settle();
    expect(h.created).toHaveLength(6);
    await h.pool.drain();
    expect(h.discarded).toHaveLength(6);
    expect(h.pool.size).toBe(0);
    const c = { name: 'c' };
    h.pool.expect(c, 1);
    await h.settle();
    expect((await h.pool.take(c))?.sample).toBe('c');
  });

  it('a failed creation is not handed out: the start creates its own', async () => {
    const h = harness(4, 2, { failOn: [1] });
    const a = { name: 'a' };
    h.pool.expect(a, 2);
    await h.settle();
    expect(await h.pool.take(a)).toBeUndefined();
    expect((await h.pool.take(a))?.id).toBe(2);
    expect(h.pool.stats).toMatchObject({ failed: 1, taken: 1, missed: 1 });
  });

  it('capacity 0 is off: nothing is made ahead', async () => {
    const h = harness(0);
    const a = { name: 'a' };
    h.pool.expect(a, 5);
    await h.settle();
    expect(h.created).toHaveLength(0);
    expect(await h.pool.take(a)).toBeUndefined();
  });
});
