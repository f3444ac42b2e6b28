/**
 * What a sandbox backend offers besides the Sandbox itself (types.ts): a check that it can run
 * here, removal of what dead runs left behind, base images, and how image builds report their
 * progress and output. Backends register by name in sandbox/index.ts, the public interface.
 */
import type { LocalDebianBase } from '../core/types.js';
import type { Sandbox } from './types.js';

/** Where an image build stands: one event when it starts, at each new phase or step, and at its end. */
export interface BuildProgress {
  /** The image being built (its tag). */
  readonly image: string;
  /** What is happening now, e.g. `debootstrap bullseye` or a Dockerfile instruction. */
  readonly activity: string;
  /** Dockerfile step n of m, while the image's own build runs. */
  readonly step?: number;
  readonly steps?: number;
  /** When this image's build started (ms since the epoch). */
  readonly startedAt: number;
  readonly state: 'running' | 'done' | 'failed';
  /** The file holding the build's full output, when it is kept in one. */
  readonly logFile?: string;
}

/**
 * How image builds report: never to the terminal. The full output (Docker build stream,
 * debootstrap, npm pack …) goes to `output` (a log file); the caller decides what to show.
 */
export interface BuildReporter {
  /** A message meant for the user, one line (e.g. that an image could not be pulled). */
  note(message: string): void;
  /** Progress of an image build (start, each new phase or step, end). */
  progress(p: BuildProgress): void;
  /** Full output, as it comes. */
  output(text: string): void;
  /** The file the full output goes to, named in errors; undefined when it is kept nowhere. */
  readonly logFile: string | undefined;
}

/** Options every backend understands. Limits are part of the contract (DESIGN: Sandbox contract). */
export interface SandboxOptions {
  /** Memory limit per app instance (bytes); the original's 1 GiB. */
  memoryBytes?: number;
  pidsLimit?: number;
  /** CPU limit per app instance, in CPUs. */
  cpus?: number;
  /** Readiness poll interval (ms). */
  pollMs?: number;
  /** How long after its first answer the app is left alone before its test starts (ms). */
  readySettleMs?: number;
  /** How long after a test the app must still run to count as running (ms; Sandbox.crashSettleMs). */
  crashSettleMs?: number;
  /** Cap of the app log kept per instance (bytes; default 1 MiB, the latest output kept). */
  maxLogBytes?: number;
  /** Time limit of a sample's build (prepare steps); past it the build is stopped and counts as the sample's build failure. Default 600 s (the original's). */
  buildTimeoutMs?: number;
  /** Memory limit of a sample's build container (bytes; default 4 GiB, no swap). */
  buildMemoryBytes?: number;
  /** CPU limit of a sample's build container (default 2). */
  buildCpus?: number;
  /** Cap of a sample's build output kept for test.log (bytes; default 1 MiB: its start and its end). */
  maxBuildLogBytes?: number;
  /** Cap of a file read back from the sandbox (bytes; default 64 MiB; beyond it the data is cut and the test log says so). */
  maxReadBytes?: number;
  /** Cap of each of stdout and stderr of a command run in the sandbox (bytes; default 8 MiB). */
  maxExecOutputBytes?: number;
  /** The container runtime to run apps and builds with (e.g. `runsc` for gVisor); default: the engine's. */
  runtime?: string;
  /**
   * How apps are cut off from everything but the test client: `sealed` (fails when it cannot be
   * had here), `published` (the older published-port network: apps can reach the host's
   * addresses), `auto` (sealed where possible, else published with a warning in every test log).
   * Default `auto`.
   */
  networkIsolation?: NetworkIsolation;
  /** Folder for the full output of image builds, one file per build (default: defaultLogDir()). */
  logDir?: string;
  /** Progress of image builds (dependency images, missing variant bases). */
  onBuildProgress?: (p: BuildProgress) => void;
  /**
   * Warm instances: how many fresh app instances may be made ahead of the tests (created with
   * the code in place, not started), over all samples; 0 turns it off. Default 4.
   */
  warmInstances?: number;
}

export type NetworkIsolation = 'auto' | 'sealed' | 'published';

/** The backend cannot run here (e.g. no Docker engine answers); the message is one line saying what to do. */
export class SandboxUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxUnavailableError';
  }
}

/** How base images are obtained: pulled, built locally from Debian packages, or pulled else built. */
export type BaseImageMode = 'auto' | 'pull' | 'local';

export interface BaseImageOptions {
  /** Extra CA certificate files (PEM) to trust inside images. */
  caCerts: readonly string[];
  debianMirror: string;
  /** Build again even when present (e.g. after changing CA certificates). */
  rebuild?: boolean;
  /** Build every step again (no layer cache); without it, unchanged steps are reused. */
  noCache?: boolean;
  report: BuildReporter;
}

export interface BaseStatus {
  tag: string;
  state: 'present' | 'pulled' | 'built-locally';
}

export interface SandboxBackend {
  readonly name: string;
  /** One line: what the backend is. */
  readonly description: string;
  /** Resolves with the backend's version when it can run here; throws SandboxUnavailableError otherwise. */
  check(): Promise<string>;
  create(options?: SandboxOptions): Sandbox;
  /** Removes what runs of this machine left behind when their process died; resolves with how many. */
  removeLeftovers(): Promise<number>;
  /** Whether an image (e.g. a framework's base image) is here. */
  imageExists(ref: string): Promise<boolean>;
  /** Pulls an image from its registry: null when it worked, else one line saying why not. */
  pullImage(ref: string): Promise<string | null>;
  /** Base images this backend can build itself where no registry answers (tags). */
  readonly localBaseTags: readonly string[];
  /** Makes sure the base images of `localBaseTags` exist: present, pulled, or built (by mode). */
  ensureBaseImages(opts: BaseImageOptions & { mode: BaseImageMode }): Promise<BaseStatus[]>;
  /** Makes sure a framework variant's base (Debian packages only) exists: present or built now. */
  ensureVariantBase(base: LocalDebianBase, opts: BaseImageOptions): Promise<BaseStatus>;
  /** Extra CA certificates of this host that images should trust. */
  defaultCaCerts(): string[];
}
