/**
 * The sandbox's public interface: the only way in for cli/ (DESIGN: "The CLI reaches a sandbox
 * backend only through the sandbox's public interface"). Backends register here by name;
 * `docker` is the first. A backend's internal files are its own.
 */
import type { SandboxBackend, SandboxOptions } from './backend.js';
import { dockerBackend } from './docker/index.js';
import type { Sandbox } from './types.js';

export type {
  BaseImageMode,
  BaseImageOptions,
  BaseStatus,
  BuildProgress,
  BuildReporter,
  NetworkIsolation,
  SandboxBackend,
  SandboxOptions,
} from './backend.js';
export { SandboxUnavailableError } from './backend.js';
export {
  defaultLogDir,
  fileBuildReporter,
  logFileName,
  nullBuildReporter,
  type FileBuildReporter,
} from './build-log.js';
export type { PreparedImage, PreparedSample, RunningApp, Sandbox, StartOptions } from './types.js';
export { SampleBuildError, SandboxInfraError } from './types.js';

const backends = new Map<string, SandboxBackend>();

/** Adds a backend under its name (a later one with the same name replaces it). */
export function registerSandboxBackend(backend: SandboxBackend): void {
  backends.set(backend.name, backend);
}

registerSandboxBackend(dockerBackend);

/** Names of the registered backends. */
export function sandboxBackends(): string[] {
  return [...backends.keys()];
}

/** The backend of that name; one clear error naming the known ones otherwise. */
export function sandboxBackend(name: string): SandboxBackend {
  const b = backends.get(name);
  if (!b) throw new Error(`unknown sandbox backend "${name}"; known: ${sandboxBackends().join(', ')}`);
  return b;
}

/** A new sandbox of the named backend. */
export function createSandbox(name: string, options: SandboxOptions = {}): Sandbox {
  return sandboxBackend(name).create(options);
}

/** The backend used when none is named. */
export const DEFAULT_SANDBOX_BACKEND = 'docker';
