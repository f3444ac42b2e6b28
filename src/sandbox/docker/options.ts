/** The Docker sandbox's options with their defaults filled in. */
import type { BuildProgress, NetworkIsolation, SandboxOptions } from '../backend.js';
import { defaultLogDir } from '../build-log.js';

export type DockerSandboxOptions = SandboxOptions;

export interface ResolvedOptions {
  readonly memoryBytes: number;
  readonly pidsLimit: number;
  readonly cpus: number;
  readonly pollMs: number;
  readonly maxLogBytes: number;
  readonly logDir: string;
  readonly onBuildProgress: (p: BuildProgress) => void;
  readonly buildTimeoutMs: number;
  readonly buildMemoryBytes: number;
  readonly buildCpus: number;
  readonly maxBuildLogBytes: number;
  readonly maxReadBytes: number;
  readonly maxExecOutputBytes: number;
  readonly runtime: string | undefined;
  readonly network: NetworkIsolation;
}

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
