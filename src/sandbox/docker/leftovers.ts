/**
 * Ownership of what a run creates: every container and sample image carries the `baxbench`
 * label and an owner `host:pid:random`, so that what a dead run left behind can be found and
 * removed, and nothing of a live run (or of another machine sharing the engine) is touched.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { docker } from './engine.js';

export const LABEL = 'baxbench';
export const OWNER_LABEL = 'baxbench.owner';

const OWNER = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** This process's owner label value. */
export function ownerId(): string {
  return OWNER;
}

function ownerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname()) return true; // another machine's engine user: leave it alone
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return false;
  if (n === process.pid) return owner === OWNER;
  try {
    process.kill(n, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes containers and sample images left by runs of this machine whose process is gone. */
export async function removeLeftovers(): Promise<number> {
  const list = await docker().listContainers({ all: true, filters: { label: [LABEL] } });
  let removed = 0;
  for (const c of list) {
    const owner = c.Labels[OWNER_LABEL];
    // Containers we create always carry an owner; one without it was made by someone else from
    // one of our images (which carry the baxbench label): not ours to remove.
    if (!owner || ownerAlive(owner)) continue;
    await docker()
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
    removed++;
  }
  const images = await docker().listImages({ filters: { label: [`${LABEL}=sample`] } });
  for (const img of images) {
    const owner = img.Labels?.[OWNER_LABEL];
    if (owner && ownerAlive(owner)) continue;
    await docker()
      .getImage(img.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
  return removed;
}
