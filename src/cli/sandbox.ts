import { setMaxListeners } from 'node:events';
/**
 * Opens the Docker sandbox for a command: engine check, leftovers of dead runs removed, and
 * Ctrl-C handling. On the first SIGINT/SIGTERM the run's signal is aborted (the pipeline starts
 * nothing new and writes nothing for samples in progress) and this run's containers are removed;
 * the command then ends with exit code 130. A second signal, or a pipeline that does not settle
 * within a few seconds, exits at once after removing the containers.
 */
import type { TestLog } from '../core/types.js';
import {
  DEFAULT_SANDBOX_BACKEND,
  defaultLogDir,
  sandboxBackend,
  SandboxUnavailableError,
  type BuildProgress,
  type Sandbox,
  type SandboxBackend,
  type SandboxOptions,
} from '../sandbox/index.js';
import { CliError } from './errors.js';

export const INTERRUPTED_EXIT_CODE = 130;

export interface OpenedSandbox {
  sandbox: Sandbox;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Removes handlers and everything the sandbox created; throws CliError(130) when interrupted. */
  close: () => Promise<void>;
}

/** The backend after its check: one clear error line (exit code 1) when it cannot run here. */
export async function checkedBackend(
  name = DEFAULT_SANDBOX_BACKEND,
): Promise<{ backend: SandboxBackend; version: string }> {
  const backend = sandboxBackend(name);
  try {
    return { backend, version: await backend.check() };
  } catch (e) {
    if (e instanceof SandboxUnavailableError) throw new CliError(e.message, 1);
    throw e;
  }
}

export interface OpenSandboxOptions {
  /** Progress of image builds (dependency images, missing variant bases). */
  onBuildProgress?: (p: BuildProgress) => void;
  /** How long the pipeline may take to settle after the first signal (ms). */
  settleMs?: number;
  /** Fresh app instances made ahead of the tests (0: off; default: the backend's). */
  warmInstances?: number;
  /** Limits and runtime asked for on the command line (--build-timeout, --runtime). */
  sandboxOptions?: SandboxOptions;
}

export async function openSandbox(
  notes?: Pick<TestLog, 'info'>,
  { onBuildProgress, settleMs = 15_000, warmInstances, sandboxOptions = {} }: OpenSandboxOptions = {},
): Promise<OpenedSandbox> {
  const { backend } = await checkedBackend();
  const removed = await backend.removeLeftovers();
  if (removed > 0)
    (notes ?? { info: (m: string) => process.stderr.write(`${m}\n`) }).info(
      `removed ${removed} container(s) left by earlier runs`,
    );
  const sandbox = backend.create({ ...sandboxOptions, logDir: defaultLogDir(), onBuildProgress, warmInstances });
  const controller = new AbortController();
  // Every sample and test in progress listens to the run's signal: many more than Node's default 10.
  setMaxListeners(0, controller.signal);
  let signals = 0;
  const exitNow = (): void => {
    void sandbox.cleanup().finally(() => process.exit(INTERRUPTED_EXIT_CODE));
  };
  const handler = (sig: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) {
      process.stderr.write(`\nbaxbench: ${sig} again, exiting now\n`);
      exitNow();
      return;
    }
    process.stderr.write(
      `\nbaxbench: ${sig} received: stopping; removing this run's containers (results already written are kept)\n`,
    );
    controller.abort(new Error(`interrupted by ${sig}`));
    void sandbox.cleanup();
    setTimeout(exitNow, settleMs).unref();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    sandbox,
    signal: controller.signal,
    close: async () => {
      try {
        await sandbox.cleanup();
      } finally {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      }
      if (controller.signal.aborted)
        throw new CliError(
          'interrupted; samples in progress were not recorded (run the command again to resume)',
          INTERRUPTED_EXIT_CODE,
        );
    },
  };
}
