/** Opens the Docker sandbox for a command: engine check, leftovers of dead runs removed, Ctrl-C cleanup. */
import { checkEngine, DockerUnavailableError } from '../sandbox/docker/engine.js';
import { createDockerSandbox, installSignalCleanup, removeLeftovers, type DockerSandbox } from '../sandbox/docker/index.js';
import { CliError } from './errors.js';

export async function openSandbox(): Promise<{ sandbox: DockerSandbox; close: () => Promise<void> }> {
  try {
    await checkEngine();
  } catch (e) {
    if (e instanceof DockerUnavailableError) throw new CliError(e.message, 1);
    throw e;
  }
  const removed = await removeLeftovers();
  if (removed > 0) process.stderr.write(`removed ${removed} container(s) left by earlier runs\n`);
  const sandbox = createDockerSandbox();
  const uninstall = installSignalCleanup(sandbox);
  return {
    sandbox,
    close: async () => {
      uninstall();
      await sandbox.cleanup();
    },
  };
}
