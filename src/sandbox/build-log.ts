/**
 * Build reporters: the full output of image builds goes to a log file (created on the first
 * write), progress and notes to whoever asked. Nothing here prints.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BuildProgress, BuildReporter } from './backend.js';

/** Where build logs go: $BAXBENCH_LOG_DIR, else $XDG_CACHE_HOME/baxbench/logs, else ~/.cache/baxbench/logs. */
export function defaultLogDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BAXBENCH_LOG_DIR) return path.resolve(env.BAXBENCH_LOG_DIR);
  const cache = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), '.cache');
  return path.join(cache, 'baxbench', 'logs');
}

/** `<kind>-<yyyymmdd-hhmmss>.log`, the kind made safe for a file name (e.g. an image tag). */
export function logFileName(kind: string, now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return `${kind.replace(/[^a-zA-Z0-9_.-]+/g, '_')}-${stamp}.log`;
}

export interface FileBuildReporter extends BuildReporter {
  readonly logFile: string;
  /** Whether anything was written (the file exists). */
  readonly written: boolean;
}

/** A reporter keeping the full output in `file`; notes are written there too and passed on. */
export function fileBuildReporter(
  file: string,
  handlers: { note?: (message: string) => void; progress?: (p: BuildProgress) => void } = {},
): FileBuildReporter {
  let written = false;
  const write = (text: string): void => {
    if (!written) mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, text);
    written = true;
  };
  return {
    logFile: file,
    get written() {
      return written;
    },
    output: write,
    note(message) {
      write(`${message}\n`);
      handlers.note?.(message);
    },
    progress(p) {
      handlers.progress?.(p);
    },
  };
}

/** A reporter that keeps nothing (for callers that want no log, e.g. some tests). */
export function nullBuildReporter(): BuildReporter {
  return { logFile: undefined, note() {}, progress() {}, output() {} };
}
