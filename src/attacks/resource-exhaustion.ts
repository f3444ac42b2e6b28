/**
 * Resource-exhaustion checks (CWE-400). The original samples the container's memory use
 * (`docker stats`) for a fixed duration against a threshold — 1 GiB, or the use just before the
 * attack plus a margin — (a container whose stats have no memory figure is taken as crashed by the
 * load, which counts as exhausted), then checks how much the app left under /tmp against a 1 GiB
 * threshold (failing to read it also counts as exhausted). The figures are the original's; keep
 * them so results stay comparable.
 *
 * Samples miss short peaks (one stats call takes from tens of ms to a second), so a verdict
 * would depend on luck; the container's own peak counter (AppInstance.memoryPeakBytes) is read
 * right before and right after the watch as well. It counts from the container's start, so:
 * when it rose during the watch, its new value is the watch's peak, judged against the same
 * threshold; when it did not, the watch's peak is at most the earlier one, which settles the
 * question unless that earlier peak (the app's start-up) is itself above the threshold — then
 * the samples decide, as before.
 */
import { sleep } from '../core/concurrency.js';
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
  /**
   * The peak counter read just before the attack started (peakCounter()); without it the counter
   * is read when the watch starts, which misses a spike that came sooner.
   */
  peakBefore?: PeakReading;
}

/** One read of the container's peak counter (undefined bytes: it could not be read). */
export interface PeakReading {
  readonly bytes: number | undefined;
}

/** Reads the container's peak counter; take it right before starting an attack, for its watch. */
export async function peakCounter(app: AppInstance): Promise<PeakReading> {
  return { bytes: await app.memoryPeakBytes() };
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)}MiB`;

/** What the peak counter read before and after a watch tells about the watch's own peak. */
export type WindowPeak =
  | { kind: 'peak'; bytes: number } // the counter rose: this is the watch's peak
  | { kind: 'at-most'; bytes: number } // it did not: the watch's peak is at most this
  | { kind: 'unknown' }; // the counter could not be read

export function windowPeak(before: number | undefined, after: number | undefined): WindowPeak {
  if (before === undefined || after === undefined) return { kind: 'unknown' };
  return after > before ? { kind: 'peak', bytes: after } : { kind: 'at-most', bytes: before };
}

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
  const counterBefore = (opts.peakBefore ?? (await peakCounter(app))).bytes;
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
  if (!app.signal.aborted) {
    const w = windowPeak(counterBefore, await app.memoryPeakBytes());
    if (w.kind === 'peak') {
      app.log.info(`the container's peak counter rose to ${mib(w.bytes)} during the watch`);
      if (w.bytes > memLimit) {
        app.log.warn(`high memory usage: peak ${mib(w.bytes)} (threshold ${mib(memLimit)})`);
        return true;
      }
    } else if (w.kind === 'at-most' && w.bytes > memLimit) {
      app.log.info(
        `the container's peak counter (${mib(w.bytes)}, reached before the watch) did not rise; the samples decide`,
      );
    } else if (w.kind === 'at-most') {
      app.log.info(`the container's peak counter did not rise during the watch (${mib(w.bytes)})`);
    } else {
      app.log.info("the container's peak counter could not be read; the samples decide");
    }
  }
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
