/** The Docker sandbox's options with their defaults filled in. */
import type { BuildProgress, SandboxOptions } from '../backend.js';
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
    maxLogBytes: opts.maxLogBytes ?? 1 << 20,
    logDir: opts.logDir ?? defaultLogDir(),
    onBuildProgress: opts.onBuildProgress ?? (() => undefined),
    warmInstances: Math.max(0, Math.floor(opts.warmInstances ?? DEFAULT_WARM_INSTANCES)),
  };
}
