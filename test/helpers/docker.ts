/**
 * Docker-backed tests run whenever an engine answers. With CI=true a missing engine is a
 * failure (the suite fails loudly), never a silent skip.
 */
import { execFileSync, spawn } from 'node:child_process';
import { describe } from 'vitest';

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

/** Ids of baxbench containers owned by a given harness process (owner label `host:pid:…`). */
export function containersOfPid(pid: number): string[] {
  const out = execFileSync(
    'docker',
    ['ps', '-a', '--filter', 'label=baxbench', '--format', '{{.ID}} {{.Label "baxbench.owner"}}'],
    { encoding: 'utf8' },
  );
  return out
    .split('\n')
    .filter(Boolean)
    .filter((l) => l.split(' ')[1]?.split(':')[1] === String(pid))
    .map((l) => l.split(' ')[0]!);
}

export interface CliRun {
  pid: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/baxbench.js …` to its end; resolves with its pid (the owner label of the
 * containers it made), exit code and output. Rejects when it exits non-zero, as execFile does.
 */
export function runCli(bin: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const run = { pid: child.pid ?? -1, code, stdout, stderr };
      if (code === 0) resolve(run);
      else reject(Object.assign(new Error(`baxbench ${args.join(' ')} exited with ${code}:\n${stderr}`), run));
    });
  });
}
