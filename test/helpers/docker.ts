/**
 * Docker-backed tests run whenever an engine answers. With CI=true a missing engine is a
 * failure (the suite fails loudly), never a silent skip.
 */
import { describe } from 'vitest';
import { execFileSync } from 'node:child_process';

function engineAnswers(): boolean {
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export const dockerAvailable = engineAnswers();

export const describeDocker: typeof describe = ((name: string, fn: () => void, timeout?: number) => {
  if (dockerAvailable) return describe(name, fn, timeout);
  if (process.env.CI === 'true' || process.env.CI === '1') {
    return describe(name, () => {
      throw new Error('CI=true but no Docker engine answers: Docker tests must run in CI (start dockerd)');
    });
  }
  return describe.skip(name, fn);
}) as typeof describe;

/** Ids of containers carrying the baxbench label (all runs). */
export function baxbenchContainers(): string[] {
  const out = execFileSync('docker', ['ps', '-aq', '--filter', 'label=baxbench'], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

/** Ids of baxbench containers owned by a given harness process (owner label `host:pid:…`). */
export function containersOfPid(pid: number): string[] {
  const out = execFileSync('docker', ['ps', '-a', '--filter', 'label=baxbench', '--format', '{{.ID}} {{.Label "baxbench.owner"}}'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .filter((l) => l.split(' ')[1]?.split(':')[1] === String(pid))
    .map((l) => l.split(' ')[0]!);
}
