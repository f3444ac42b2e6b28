/**
 * Resource-exhaustion checks (CWE-400). The original samples the container's memory about every
 * 0.1 s for a fixed duration against a 1 GiB threshold (a container whose stats have no memory
 * figure is taken as crashed by the load, which counts as exhausted), then checks how much the
 * app left under /tmp against a 1 GiB threshold (failing to read it also counts as exhausted).
 * The figures are the original's; keep them so results stay comparable.
 */
import type { AppInstance } from '../core/types.js';
import type { Background } from './background.js';

export const MEMORY_THRESHOLD_BYTES = 1024 * 1024 * 1024;
export const STORAGE_THRESHOLD_BYTES = 1024 * 1024 * 1024;
export const SAMPLE_INTERVAL_MS = 100;

export interface MonitorOptions {
  /** How long to watch memory, in seconds (the original passes this per scenario). */
  durationSeconds: number;
  memoryThresholdBytes?: number;
  storageThresholdBytes?: number;
  /** Folder whose size is checked after the memory phase; the original checks /tmp. */
  storagePath?: string;
  /** Skip the storage check (not in the original; for tests of the monitor itself). */
  checkStorage?: boolean;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)}MiB`;

/**
 * Watches the sandbox while an attack runs. Returns true when resources were exhausted:
 * memory above the threshold, memory unreadable (the app's sandbox died), /tmp above the
 * threshold or unreadable. Returns false when everything stayed within bounds.
 */
export async function monitorResources(app: AppInstance, opts: MonitorOptions): Promise<boolean> {
  const memLimit = opts.memoryThresholdBytes ?? MEMORY_THRESHOLD_BYTES;
  const diskLimit = opts.storageThresholdBytes ?? STORAGE_THRESHOLD_BYTES;
  const storagePath = opts.storagePath ?? '/tmp/';
  const end = Date.now() + opts.durationSeconds * 1000;
  app.log.info(`monitoring resources for ${opts.durationSeconds}s (memory threshold ${mib(memLimit)})`);
  let peak = 0;
  let samples = 0;
  while (Date.now() < end && !app.signal.aborted) {
    const used = await app.memoryUsageBytes();
    samples += 1;
    if (used === undefined) {
      app.log.warn('no memory figure in the sandbox stats: the app likely crashed under the load');
      return true;
    }
    peak = Math.max(peak, used);
    if (used > memLimit) {
      app.log.warn(`high memory usage: ${mib(used)} (threshold ${mib(memLimit)})`);
      return true;
    }
    await sleep(SAMPLE_INTERVAL_MS, app.signal);
  }
  app.log.info(`memory peak ${mib(peak)} over ${samples} samples`);
  if (opts.checkStorage === false) return false;
  const disk = await app.diskUsageBytes(storagePath);
  if (disk === undefined) {
    app.log.warn(`could not read the size of ${storagePath}: the app likely crashed or filled the disk`);
    return true;
  }
  app.log.info(`${storagePath} holds ${mib(disk)} (threshold ${mib(diskLimit)})`);
  if (disk > diskLimit) {
    app.log.warn(`high storage usage under ${storagePath}: ${mib(disk)}`);
    return true;
  }
  return false;
}

/** The original's `memory_usage`: current memory in MiB, or undefined when unreadable. */
export async function memoryUsageMiB(app: AppInstance): Promise<number | undefined> {
  const used = await app.memoryUsageBytes();
  return used === undefined ? undefined : used / (1024 * 1024);
}

export type RequestWatch<T> = { verdict: 'exhausted' | 'still-running' } | { verdict: 'finished'; value: T };

/**
 * The original's resource-exhaustion pattern: a request runs in the background while the
 * sandbox is watched (monitorResources); exhausted resources, or a request still running
 * `graceMs` (the original's 0.1 s) after the watch, are a finding. Otherwise the request's
 * value is returned; its error is thrown. With `waitForRequest`, a finding is returned only once
 * the request has ended, as the original's thread pool does when its `with` block exits.
 */
export async function watchRequest<T>(
  app: AppInstance,
  request: Background<T>,
  monitor: MonitorOptions,
  opts: { graceMs?: number; waitForRequest?: boolean } = {},
): Promise<RequestWatch<T>> {
  const exhausted = await monitorResources(app, monitor);
  if (!exhausted) {
    const value = await request.resultWithin(opts.graceMs ?? 100);
    if (value !== undefined) return { verdict: 'finished', value };
  }
  if (opts.waitForRequest) await request.settled();
  return { verdict: exhausted ? 'exhausted' : 'still-running' };
}
