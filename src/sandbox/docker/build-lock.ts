/**
 * A lock between baxbench processes on one machine, so that two runs needing the same
 * dependency image build it once: the second waits for the first, then finds the image.
 * The lock is a file created exclusively in the temp folder holding the owner's pid; a lock
 * whose owner is gone (killed mid-build) is taken over.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(key: string): string {
  return path.join(tmpdir(), `baxbench-build-${key.replace(/[^a-zA-Z0-9_.-]+/g, '_')}.lock`);
}

/**
 * Runs `fn` while holding the lock named `key`. `onWait` is called once when another
 * process holds it. Polls every `pollMs`.
 */
export async function withBuildLock<T>(
  key: string,
  fn: () => Promise<T>,
  opts: { pollMs?: number; onWait?: (ownerPid: number) => void } = {},
): Promise<T> {
  const file = lockPath(key);
  const pollMs = opts.pollMs ?? 1000;
  let told = false;
  for (;;) {
    try {
      const h = await fs.open(file, 'wx');
      await h.writeFile(String(process.pid));
      await h.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      if (!told) opts.onWait?.(owner);
      told = true;
      await new Promise((r) => setTimeout(r, pollMs));
      continue;
    }
    // Empty (being written) or stale: give a writer a moment, then take it over if unchanged.
    await new Promise((r) => setTimeout(r, 50));
    const again = (await fs.readFile(file, 'utf8').catch(() => undefined))?.trim();
    if (again === undefined) continue;
    const againPid = Number(again);
    if (again === '' || !Number.isInteger(againPid) || againPid <= 0 || againPid === process.pid || !alive(againPid)) {
      await fs.rm(file, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(file, { force: true });
  }
}
