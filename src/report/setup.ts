/** The lines `baxbench setup` prints: the engine, each base image's state, where the build log is. */
import type { BaseStatus } from '../sandbox/index.js';
import { formatDuration } from './build-progress.js';

export function engineLine(backend: string, version: string): string {
  return `${backend === 'docker' ? 'Docker engine' : `${backend} backend`} ${version} answers`;
}

export function caCertsLine(files: readonly string[]): string {
  return `extra CA certificates for image builds: ${files.join(', ')}`;
}

/** `base image node:22.12-bullseye: built-locally in 1m12s`; `what` says what it is for (a variant). */
export function baseStatusLine(s: BaseStatus, opts: { tookMs?: number; what?: string } = {}): string {
  const took =
    s.state === 'built-locally' && opts.tookMs !== undefined ? ` in ${formatDuration(opts.tookMs / 1000)}` : '';
  return `base image ${s.tag}${opts.what ? ` (${opts.what})` : ''}: ${s.state}${took}`;
}

/** A base image no recipe here can make (another language's, pulled from a registry). */
export function otherBaseLine(tag: string, present: boolean): string {
  return present
    ? `base image ${tag}: present`
    : `base image ${tag}: missing (pull it where a registry is reachable; frameworks on it cannot run here)`;
}

export function buildLogLine(file: string): string {
  return `full output of the image builds: ${file}`;
}
