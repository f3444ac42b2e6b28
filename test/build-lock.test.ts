import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lockPath, withBuildLock } from '../src/sandbox/docker/build-lock.js';

describe('withBuildLock (one image build at a time across processes)', () => {
  it('serialises holders of the same key and releases the file', async () => {
    const key = `t-${process.pid}-${Date.now()}`;
    const events: string[] = [];
    const job = (name: string) => async (): Promise<void> => {
      events.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 80));
      events.push(`${name} out`);
    };
    // Another live process holds the lock (pid 1 is always alive): we wait until it is released.
    await fs.writeFile(lockPath(key), '1');
    let waited = 0;
    const p = withBuildLock(key, job('b'), { pollMs: 20, onWait: () => (waited += 1) });
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toEqual([]);
    await fs.rm(lockPath(key));
    await p;
    expect(waited).toBe(1);
    expect(events).toEqual(['b in', 'b out']);
    await expect(fs.access(lockPath(key))).rejects.toThrow();
  });

  it('takes over a lock whose owner is gone', async () => {
    const key = `stale-${process.pid}-${Date.now()}`;
    await fs.writeFile(lockPath(key), '999999999');
    const r = await withBuildLock(key, async () => 42, { pollMs: 10 });
    expect(r).toBe(42);
    await expect(fs.access(lockPath(key))).rejects.toThrow();
  });

  it('releases the lock when the build fails', async () => {
    const key = `fail-${process.pid}-${Date.now()}`;
    await expect(withBuildLock(key, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(fs.access(lockPath(key))).rejects.toThrow();
  });
});
