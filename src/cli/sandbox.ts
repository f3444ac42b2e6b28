/**
 * Opens the Docker sandbox for a command: engine check, leftovers of dead runs removed, and
 * Ctrl-C handling. On the first SIGINT/SIGTERM the run's signal is aborted (the pipeline starts
 * nothing new and writes nothing for samples in progress) and this run's containers are removed;
 * the command then ends with exit code 130. A second signal, or a pipeline that does not settle
 * within a few seconds, exits at once after removing the containers.
 */
import type { TestLog } from '../core/types.js';
import { checkEngine, DockerUnavailableError } from '../sandbox/docker/engine.js';
import { createDockerSandbox, removeLeftovers, type DockerSandbox } from '../sandbox/docker/index.js';
import { CliError } from './errors.js';

export const INTERRUPTED_EXIT_CODE = 130;

export interface OpenedSandbox {
  sandbox: DockerSandbox;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Removes handlers and everything the sandbox created; throws CliError(130) when interrupted. */
  close: () => Promise<void>;
}

export async function openSandbox(notes?: Pick<TestLog, 'info'>, settleMs = 15_000): Promise<OpenedSandbox> {
  try {
    await checkEngine();
  } catch (e) {
    if (e instanceof DockerUnavailableError) throw new CliError(e.message, 1);
    throw e;
  }
  const removed = await removeLeftovers();
  if (removed > 0)
    (notes ?? { info: (m: string) => process.stderr.write(`${m}\n`) }).info(
      `removed ${removed} container(s) left by earlier runs`,
    );
  const sandbox = createDockerSandbox();
  const controller = new AbortController();
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
