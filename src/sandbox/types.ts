/**
 * The Sandbox: where untrusted generated code runs. Docker is the first backend
 * (sandbox/docker/); tests only ever see the AppInstance of core/types.ts.
 */
import type { AppInstance, ExtraPackages, Framework, SampleFiles, TestLog } from '../core/types.js';

export interface PreparedImage {
  /** Image reference (id or tag) holding the framework's dependencies (+ scenario extras). */
  readonly ref: string;
  readonly framework: Framework;
}

/** A sample made ready to run: its code placed for the framework, compiled if needed. */
export interface PreparedSample {
  readonly image: PreparedImage;
  /** Build/compile output, for the sample's test.log. */
  readonly buildLog: string;
}

export class SampleBuildError extends Error {
  constructor(
    message: string,
    readonly buildLog: string,
  ) {
    super(message);
    this.name = 'SampleBuildError';
  }
}

/**
 * The sandbox failed for a reason that is not the sample's: the engine did not answer or answered
 * with an error, a container could not be created or started, a resource of the host ran out
 * (disk, ports, file handles). The harness retries such failures and records no result when they
 * persist (DESIGN: harness errors are not verdicts).
 */
export class SandboxInfraError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'SandboxInfraError';
  }
}

export interface StartOptions {
  /** Log for the harness's own messages about this instance. */
  readonly log: TestLog;
  /** Aborted when the test's time is up. */
  readonly signal: AbortSignal;
  /**
   * Called once the app first answered, before the sandbox leaves it alone for its readiness settle
   * time (not called when there is none; the start still resolves only after that time). The
   * harness lends the instance's running place to another test meanwhile.
   */
  readonly onAnswered?: () => void;
}

export interface RunningApp {
  readonly app: AppInstance;
  /** Stops and removes everything of this instance; returns the app's logs. Never throws. */
  dispose(): Promise<string>;
}

export interface Sandbox {
  /**
   * How long after a test the app must still run to count as running (ms; 0 when absent): an app
   * that dies of the test's last request needs a moment to be gone from the sandbox's view, longer
   * on a loaded machine. The verdict's crash check waits this long after the test returned.
   */
  readonly crashSettleMs?: number;
  /** Builds (or reuses) the framework's dependency image with the scenario's extra packages. */
  prepareImage(framework: Framework, extra: ExtraPackages, log: TestLog): Promise<PreparedImage>;
  /** Makes a sample ready to run (e.g. compiles it); throws SampleBuildError when it cannot build. */
  prepareSample(image: PreparedImage, files: SampleFiles, log: TestLog): Promise<PreparedSample>;
  /** Starts one fresh app instance and waits until it answers HTTP (or fails fast when it died). */
  start(sample: PreparedSample, options: StartOptions): Promise<RunningApp>;
  /**
   * Optional (warm instances): `count` more fresh instances of this sample will be started, so the
   * backend may make them ahead (e.g. containers created with the code in place, not started).
   * Each start still gets a fresh instance of its own.
   */
  expectStarts?(sample: PreparedSample, count: number): void;
  /** Optional: the sample's tests are over; whatever was made ahead for it is removed. Never throws. */
  release?(sample: PreparedSample): Promise<void>;
  /** Removes every resource this sandbox created that is still alive. */
  cleanup(): Promise<void>;
}
