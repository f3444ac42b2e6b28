/** The Docker sandbox's options with their defaults filled in. */
import type { BuildProgress, NetworkIsolation, SandboxOptions } from '../backend.js';
import { defaultLogDir } from '../build-log.js';

export type DockerSandboxOptions = SandboxOptions;

/**
 * An app that answers and then dies (an error thrown after the response) is gone from `docker top`
 * 30–60 ms later on an idle machine, but up to ~430 ms later (median 180 ms, 60 runs) at a load
 * average of 12 on 2 cores; the crash check waits 1 s, over twice the worst seen.
 */
export const DEFAULT_CRASH_SETTLE_MS = 1000;

/** How long after its first answer an app is left alone before its test (see README, readiness). */
export const DEFAULT_READY_SETTLE_MS = 1000;

export interface ResolvedOptions {
  readonly memoryBytes: number;
  readonly pidsLimit: number;
  readonly cpus: number;
  readonly pollMs: number;
  readonly crashSettleMs: number;
  readonly readySettleMs: number;
  readonly maxLogBytes: number;
  readonly logDir: string;
  readonly onBuildProgress: (p: BuildProgress) => void;
  readonly warmInstances: number;
  readonly buildTimeoutMs: number;
  readonly buildMemoryBytes: number;
  readonly buildCpus: number;
  readonly maxBuildLogBytes: number;
  readonly maxReadBytes: number;
  readonly maxExecOutputBytes: number;
  readonly runtime: string | undefined;
  readonly network: NetworkIsolation;
}

/** Fresh instances made ahead of the tests when the caller does not say. */
export const DEFAULT_WARM_INSTANCES = 4;

/** The limits' defaults (README, "The sandbox"). */
export const DEFAULT_LIMITS = {
  memoryBytes: 2 ** 30,
  pidsLimit: 1024,
  cpus: 1,
  maxLogBytes: 1 << 20,
  /** The original's docker build timeout (600 s). */
  buildTimeoutMs: 600_000,
  buildMemoryBytes: 4 * 2 ** 30,
  buildCpus: 2,
  maxBuildLogBytes: 1 << 20,
  maxReadBytes: 64 * 2 ** 20,
  maxExecOutputBytes: 8 * 2 ** 20,
} as const;

export function resolveOptions(opts: DockerSandboxOptions = {}): ResolvedOptions {
  return {
    memoryBytes: opts.memoryBytes ?? DEFAULT_LIMITS.memoryBytes,
    pidsLimit: opts.pidsLimit ?? DEFAULT_LIMITS.pidsLimit,
    cpus: opts.cpus ?? DEFAULT_LIMITS.cpus,
    pollMs: opts.pollMs ?? 25,
    crashSettleMs: opts.crashSettleMs ?? DEFAULT_CRASH_SETTLE_MS,
    readySettleMs: opts.readySettleMs ?? DEFAULT_READY_SETTLE_MS,
    warmInstances: Math.max(0, Math.floor(opts.warmInstances ?? DEFAULT_WARM_INSTANCES)),
    maxLogBytes: opts.maxLogBytes ?? DEFAULT_LIMITS.maxLogBytes,
    logDir: opts.logDir ?? defaultLogDir(),
    onBuildProgress: opts.onBuildProgress ?? (() => undefined),
    buildTimeoutMs: opts.buildTimeoutMs ?? DEFAULT_LIMITS.buildTimeoutMs,
    buildMemoryBytes: opts.buildMemoryBytes ?? DEFAULT_LIMITS.buildMemoryBytes,
    buildCpus: opts.buildCpus ?? DEFAULT_LIMITS.buildCpus,
    maxBuildLogBytes: opts.maxBuildLogBytes ?? DEFAULT_LIMITS.maxBuildLogBytes,
    maxReadBytes: opts.maxReadBytes ?? DEFAULT_LIMITS.maxReadBytes,
    maxExecOutputBytes: opts.maxExecOutputBytes ?? DEFAULT_LIMITS.maxExecOutputBytes,
    runtime: opts.runtime,
    network: opts.networkIsolation ?? 'auto',
  };
}
