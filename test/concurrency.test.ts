/** core/concurrency: the semaphore and mapLimit every layer uses (order, limit, abort). */
import { describe, expect, it } from 'vitest';
import { mapLimit, Semaphore, sleep } from '../src/core/concurrency.js';

/** A promise settled from outside, to hold work open as long as a test needs. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => {
    open = r;
  });
  return { promise, open };
}

describe('Semaphore', () => {
  it('grants in request order and never more than its limit', async () => {
    const slots = new Semaphore(2);
    const order: number[] = [];
    let live = 0;
    let max = 0;
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        slots.run(async () => {
          order.push(i);
          live++;
          max = Math.max(max, live);
          await sleep(5);
          live--;
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(max).toBe(2);
    expect(slots.peak).toBe(2);
    expect(slots.inUse).toBe(0);
  });

  it('tryAcquire takes a free place without waiting, never one a waiter is queued for', async () => {
    const slots = new Semaphore(1);
    const first = slots.tryAcquire();
    expect(first).toBeDefined();
    expect(slots.tryAcquire()).toBeUndefined();
    const queued = slots.acquire();
    first!();
    // the freed place went to the waiter, not to a later tryAcquire
    expect(slots.tryAcquire()).toBeUndefined();
    (await queued)();
    expect(slots.inUse).toBe(0);
    slots.tryAcquire()!();
    expect(slots.inUse).toBe(0);
  });

  it('a waiter that asks to go ahead is served before the others, those that asked so in their order', async () => {
    const slots = new Semaphore(1);
    const hold = await slots.acquire();
    const order: string[] = [];
    const ask = (name: string, ahead: boolean) =>
      slots.acquire(undefined, { ahead }).then((release) => {
        order.push(name);
        release();
      });
    const all = [ask('a', false), ask('b', false), ask('x', true), ask('y', true), ask('c', false)];
    hold();
    await Promise.all(all);
    expect(order).toEqual(['x', 'y', 'a', 'b', 'c']);
  });

  it('a waiter whose signal aborts leaves the queue and rejects with the reason; release is idempotent', async () => {
    const slots = new Semaphore(1);
    const release = await slots.acquire();
    const ac = new AbortController();
    const waiting = slots.acquire(ac.signal);
    const after = slots.acquire();
    ac.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    release();
    release(); // idempotent: frees one place, not two
    const next = await after; // the aborted waiter did not take the place
    expect(slots.inUse).toBe(1);
    next();
    expect(slots.inUse).toBe(0);
  });

  it('an already aborted signal is refused at once, even with places free', async () => {
    const slots = new Semaphore(3);
    await expect(slots.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    let ran = false;
    await expect(
      slots.run(async () => {
        ran = true;
      }, AbortSignal.abort()),
    ).rejects.toBeDefined();
    expect(ran).toBe(false);
    expect(slots.inUse).toBe(0);
  });

  it('run releases its place when fn throws', async () => {
    const slots = new Semaphore(1);
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(slots.inUse).toBe(0);
  });

  it('a newcomer does not jump the queue when a place frees up', async () => {
    const slots = new Semaphore(1);
    const release = await slots.acquire();
    const order: string[] = [];
    const first = slots.acquire().then((r) => (order.push('first'), r));
    release();
    const second = slots.acquire().then((r) => (order.push('second'), r));
    (await first)();
    (await second)();
    expect(order).toEqual(['first', 'second']);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});

describe('mapLimit', () => {
  it('returns results in item order whatever order they finish in, and starts items in order', async () => {
    const started: number[] = [];
    const out = await mapLimit([30, 5, 20, 1, 10], 2, async (ms, i) => {
      started.push(i);
      await sleep(ms);
      return ms * 2;
    });
    expect(out).toEqual([60, 10, 40, 2, 20]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('never runs more than the limit at once, and uses all of it', async () => {
    let live = 0;
    let max = 0;
    await mapLimit(
      Array.from({ length: 10 }, (_, i) => i),
      3,
      async () => {
        live++;
        max = Math.max(max, live);
        await sleep(5);
        live--;
      },
    );
    expect(max).toBe(3);
  });

  it('handles no items and a limit above the item count', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
    expect(await mapLimit(['a'], 4, async (s) => s.toUpperCase())).toEqual(['A']);
  });

  it('rejects a limit that is not a positive integer', async () => {
    await expect(mapLimit([1], 0, async (x) => x)).rejects.toThrow(RangeError);
  });

  it('a failure stops new items and rejects once the running ones have settled', async () => {
    const started: number[] = [];
    let settled = 0;
    const slow = gate();
    const p = mapLimit([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      try {
        if (i === 0) await slow.promise;
        if (i === 1) throw new Error('item 1 failed');
        return i;
      } finally {
        settled++;
      }
    });
    let done = false;
    p.catch(() => undefined).finally(() => {
      done = true;
    });
    await sleep(10);
    expect(done).toBe(false); // item 0 still running
    slow.open();
    await expect(p).rejects.toThrow('item 1 failed');
    expect(started).toEqual([0, 1]);
    expect(settled).toBe(2);
  });

  it('an aborted signal stops new items; it rejects with the reason once the running ones have settled', async () => {
    const ac = new AbortController();
    const started: number[] = [];
    const running = gate();
    const p = mapLimit(
      [0, 1, 2, 3, 4, 5],
      2,
      async (i) => {
        started.push(i);
        await running.promise;
        return i;
      },
      { signal: ac.signal },
    );
    await sleep(5);
    ac.abort(new Error('interrupted'));
    let done = false;
    p.catch(() => undefined).finally(() => {
      done = true;
    });
    await sleep(10);
    expect(done).toBe(false);
    running.open();
    await expect(p).rejects.toThrow('interrupted');
    expect(started).toEqual([0, 1]);
  });

  it('an already aborted signal starts nothing', async () => {
    let calls = 0;
    await expect(
      mapLimit([1, 2], 2, async () => calls++, { signal: AbortSignal.abort(new Error('before')) }),
    ).rejects.toThrow('before');
    expect(calls).toBe(0);
  });

  it('an abort after every item started keeps the results', async () => {
    const ac = new AbortController();
    const out = await mapLimit(
      [1, 2],
      2,
      async (x) => {
        await sleep(5);
        ac.abort();
        return x + 1;
      },
      { signal: ac.signal },
    );
    expect(out).toEqual([2, 3]);
  });
});

describe('sleep', () => {
  it('waits, ends early when its signal aborts, and at once when it already has', async () => {
    let t = Date.now();
    await sleep(60);
    expect(Date.now() - t).toBeGreaterThanOrEqual(50);
    const ac = new AbortController();
    t = Date.now();
    setTimeout(() => ac.abort(), 10);
    await sleep(10_000, ac.signal);
    expect(Date.now() - t).toBeLessThan(5_000);
    t = Date.now();
    await sleep(10_000, ac.signal);
    expect(Date.now() - t).toBeLessThan(5_000);
  });
});
