/**
 * Files a variant image needs that no Debian package ships (e.g. the Lumen project skeleton that
 * `composer create-project` would download): kept as plain files in this repository and written
 * into the image by a shell command, so the recipe stays a list of Dockerfile steps and its tag
 * (a hash of the steps) changes whenever a file does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir`, by path relative to it (`/`-separated, sorted), with its text. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(dir, r), 'utf8');
    }
  };
  walk('');
  return out;
}

const SAFE_PATH = /^[A-Za-z0-9._/-]+$/;

/**
 * One shell command (for a RUN step) that writes the files under `root`: each file's content
 * base64-encoded, so any text survives the Dockerfile and the shell unchanged.
 */
export function writeFilesCommand(root: string, files: Readonly<Record<string, string>>): string {
  const entries = Object.entries(files).sort(([a], [b]) => a.localeCompare(b));
  for (const [p] of [[root], ...entries] as [string][])
    if (!SAFE_PATH.test(p) || p.split('/').includes('..')) throw new Error(`unsafe path for an image file: ${p}`);
  const dirs = [...new Set(entries.map(([p]) => path.posix.dirname(path.posix.join(root, p))))].sort();
  return [
    `mkdir -p ${dirs.join(' ')}`,
    ...entries.map(
      ([p, content]) =>
        `printf %s ${Buffer.from(content).toString('base64')} | base64 -d > ${path.posix.join(root, p)}`,
    ),
  ].join(' && ');
}
