/**
 * Debian root file systems as images (debootstrap → `docker import`), the start of every base
 * image built here. Commands run with their output captured into the build's log, never the terminal.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { BuildTracker } from './build-progress.js';
import { imageExists } from './engine.js';

const pexec = promisify(execFile);

/** `message (full output: <log>)` when the build keeps a log, else the message. */
export function withLogPath(message: string, logFile: string | undefined): string {
  return logFile ? `${message} (full output: ${logFile})` : message;
}

/** Sends the streams' output to the build's log; returns a reader of its last 4000 characters. */
function capture(build: BuildTracker, ...streams: Readable[]): () => string {
  let tail = '';
  for (const s of streams)
    s.on('data', (d: Buffer) => {
      const text = d.toString();
      build.output(text);
      tail = (tail + text).slice(-4000);
    });
  return () => tail;
}

/** Resolves when the process exits with 0; rejects naming it, the build's log, and its last output. */
function exited(p: ChildProcess, what: string, build: BuildTracker, tail: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${withLogPath(`${what} exited with ${code}`, build.logFile)}\n${tail()}`)),
    );
  });
}

/** Runs a command with its output into the build's log; rejects with the command's last output. */
export function run(cmd: string, args: readonly string[], build: BuildTracker): Promise<void> {
  build.output(`$ ${cmd} ${args.join(' ')}\n`);
  const p = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return exited(p, `${cmd} ${args.join(' ')}`, build, capture(build, p.stdout, p.stderr));
}

/** `tar -C dir -c . | docker import - tag`, both commands' error output into the build's log. */
export function importDirectory(dir: string, tag: string, build: BuildTracker): Promise<void> {
  const importArgs = ['import', '--change', 'LABEL baxbench.base=local-debootstrap', '-', tag];
  build.output(`$ tar -C ${dir} -c . | docker ${importArgs.join(' ')}\n`);
  const tar = spawn('tar', ['-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const imp = spawn('docker', importArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
  const tail = capture(build, tar.stderr, imp.stdout, imp.stderr);
  tar.stdout.pipe(imp.stdin);
  const done = exited(imp, 'docker import', build, tail);
  return new Promise((resolve, reject) => {
    tar.on('error', reject);
    done.then(resolve, reject);
  });
}

/**
 * Suites whose official Docker images (`debian:<suite>`, made with debuerreotype) keep /bin, /lib
 * and /sbin as real directories. debootstrap merges /usr (those three become symlinks into /usr)
 * unless told not to; an app listing `/` sees the difference.
 */
const SPLIT_USR_SUITES: ReadonlySet<string> = new Set(['stretch', 'buster', 'bullseye']);

/** The root file system image of a suite, laid out as the suite's official image is. */
export function rootfsTag(suite: string): string {
  return SPLIT_USR_SUITES.has(suite) ? `baxbench/debian:${suite}-split-usr` : `baxbench/debian:${suite}`;
}

/** debootstrap's arguments for a suite's minimal root file system in `dir`. */
export function debootstrapArgs(suite: string, dir: string, mirror: string): string[] {
  return ['--variant=minbase', ...(SPLIT_USR_SUITES.has(suite) ? ['--no-merged-usr'] : []), suite, dir, mirror];
}

/** Imports a minimal Debian root file system as rootfsTag(suite) (debootstrap), unless it is here. */
export async function ensureDebianRootfs(suite: string, mirror: string, build: BuildTracker): Promise<string> {
  const tag = rootfsTag(suite);
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
    await run('debootstrap', debootstrapArgs(suite, dir, mirror), build);
    build.phase(`importing ${tag}`);
    await importDirectory(dir, tag, build);
    build.output(`imported ${tag}\n`);
    return tag;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
