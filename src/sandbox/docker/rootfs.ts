/**
 * Debian root file systems as images (debootstrap → `docker import`), the start of every base
 * image built here. Commands run with their output captured into the build's log, never the terminal.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BuildTracker } from './build-progress.js';
import { imageExists } from './engine.js';

const pexec = promisify(execFile);

/** `message (full output: <log>)` when the build keeps a log, else the message. */
export function withLogPath(message: string, logFile: string | undefined): string {
  return logFile ? `${message} (full output: ${logFile})` : message;
}

/** Runs a command with its output into the build's log; rejects with the command's last output. */
export function run(cmd: string, args: readonly string[], build: BuildTracker): Promise<void> {
  return new Promise((resolve, reject) => {
    build.output(`$ ${cmd} ${args.join(' ')}\n`);
    const p = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (d: Buffer): void => {
      const text = d.toString();
      build.output(text);
      tail = (tail + text).slice(-4000);
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', onData);
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${withLogPath(`${cmd} ${args.join(' ')} exited with ${code}`, build.logFile)}:\n${tail}`)),
    );
  });
}

/** `tar -C dir -c . | docker import - tag`, both commands' error output into the build's log. */
function importDirectory(dir: string, tag: string, build: BuildTracker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const importArgs = ['import', '--change', 'LABEL baxbench.base=local-debootstrap', '-', tag];
    build.output(`$ tar -C ${dir} -c . | docker ${importArgs.join(' ')}\n`);
    const tar = spawn('tar', ['-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const imp = spawn('docker', importArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (d: Buffer): void => {
      const text = d.toString();
      build.output(text);
      tail = (tail + text).slice(-4000);
    };
    tar.stderr.on('data', onData);
    imp.stdout.on('data', onData);
    imp.stderr.on('data', onData);
    tar.stdout.pipe(imp.stdin);
    tar.on('error', reject);
    imp.on('error', reject);
    imp.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${withLogPath(`docker import exited with ${code}`, build.logFile)}:\n${tail}`)),
    );
  });
}

/** Imports a minimal Debian root file system as baxbench/debian:<suite> (debootstrap), unless it is here. */
export async function ensureDebianRootfs(suite: string, mirror: string, build: BuildTracker): Promise<string> {
  const tag = `baxbench/debian:${suite}`;
  if (await imageExists(tag)) return tag;
  try {
    await pexec('debootstrap', ['--version']);
  } catch {
    throw new Error(
      'debootstrap is needed to build base images without a registry; install it (Debian: apt-get install -y debootstrap) and run setup again',
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), `baxbench-${suite}-`));
  try {
    build.phase(`debootstrap ${suite} (root file system ${tag})`);
    await run('debootstrap', ['--variant=minbase', suite, dir, mirror], build);
    build.phase(`importing ${tag}`);
    await importDirectory(dir, tag, build);
    build.output(`imported ${tag}\n`);
    return tag;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
