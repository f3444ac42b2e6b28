/** The Docker sandbox's options with their defaults filled in. */
import type { BuildProgress, SandboxOptions } from '../backend.js';
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
}

/** Fresh instances made ahead of the tests when the caller does not say. */
export const DEFAULT_WARM_INSTANCES = 4;

export function resolveOptions(opts: DockerSandboxOptions = {}): ResolvedOptions {
  return {
    memoryBytes: opts.memoryBytes ?? 2 ** 30,
    pidsLimit: opts.pidsLimit ?? 1024,
    cpus: opts.cpus ?? 1,
    pollMs: opts.pollMs ?? 25,
    crashSettleMs: opts.crashSettleMs ?? DEFAULT_CRASH_SETTLE_MS,
    readySettleMs: opts.readySettleMs ?? DEFAULT_READY_SETTLE_MS,
    maxLogBytes: opts.maxLogBytes ?? 1 << 20,
    logDir: opts.logDir ?? defaultLogDir(),
    onBuildProgress: opts.onBuildProgress ?? (() => undefined),
    warmInstances: Math.max(0, Math.floor(opts.warmInstances ?? DEFAULT_WARM_INSTANCES)),
  };
}
