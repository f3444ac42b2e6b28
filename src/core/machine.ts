/**
 * How many app instances this machine can carry: the default concurrency and the resting places
 * beside it, from the machine's cores and the memory available (an app may use its whole limit,
 * 1 GiB as the original's, so memory bounds the instances *alive* at once, resting ones included).
 */
import os from 'node:os';

/** What the default concurrency is derived from. */
export interface MachineFacts {
  /** CPU cores this process may use */
  readonly cpus: number;
  /** memory available to apps now (bytes) */
  readonly availableMemoryBytes: number;
}

/** App instances per core: most tests wait on the app or on timers, not on the CPU (see README, Speed). */
export const INSTANCES_PER_CPU = 4;
/** Memory kept for the harness, the engine and the rest of the machine. */
export const MEMORY_RESERVE_BYTES = 2 * 2 ** 30;
/** An app's memory limit, the original's. */
export const APP_MEMORY_BYTES = 2 ** 30;
/** Resting places at least: at a low concurrency the ~2 s of settle times per test would otherwise be the limit. */
export const MIN_RESTING_PLACES = 4;

/** This machine's facts: cores, and memory available now (within a cgroup's limit, when there is one). */
export function machineFacts(): MachineFacts {
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    availableMemoryBytes: process.availableMemory?.() ?? os.freemem(),
  };
}

/** App instances whose whole memory limit the available memory holds after the reserve (≥ 0). */
export function appsMemoryHolds(m: MachineFacts, appMemoryBytes = APP_MEMORY_BYTES): number {
  return Math.max(0, Math.floor((m.availableMemoryBytes - MEMORY_RESERVE_BYTES) / appMemoryBytes));
}

/**
 * Resting places beside `runningPlaces` running places (an instance that only waits out a settle
 * time holds one instead of its running place): as many, at least MIN_RESTING_PLACES, but no more
 * than the memory left for instances (`aliveBudget`, see appsMemoryHolds) once the running ones
 * have theirs — possibly none, when the running places alone use it up.
 */
export function restingPlaceCount(runningPlaces: number, aliveBudget = Number.POSITIVE_INFINITY): number {
  const n = Math.max(1, Math.floor(runningPlaces));
  return Math.max(0, Math.min(Math.max(n, MIN_RESTING_PLACES), aliveBudget - n));
}

/**
 * The default concurrency (running places) for a machine: INSTANCES_PER_CPU per core, but no more
 * than half the instances the memory holds, so that running and resting instances together fit
 * even when every one uses its whole limit; at least 1.
 */
export function machineConcurrency(m: MachineFacts, appMemoryBytes = APP_MEMORY_BYTES): number {
  const byCpu = Math.max(1, Math.floor(m.cpus)) * INSTANCES_PER_CPU;
  const byMemory = Math.floor(appsMemoryHolds(m, appMemoryBytes) / 2);
  return Math.max(1, Math.min(byCpu, byMemory));
}
