/**
 * What every container running generated code gets: resource limits, capabilities, log caps.
 * App instances and per-sample build containers share it (builds with their own memory/CPU figures).
 *
 * Capabilities: Docker's default set minus everything the benchmark's semantics do not need.
 * Apps run as root (the exploits rely on root's file access: writing /secret.txt, reading
 * /etc/passwd …), and root's file access in a container needs CHOWN, DAC_OVERRIDE and FOWNER (files
 * of other owners, `chmod`/`chown` on them, archive extraction that restores owners). Not kept:
 * NET_RAW (raw sockets, ping), NET_BIND_SERVICE (the app's port is 5000), MKNOD, SYS_CHROOT,
 * SETFCAP, SETPCAP, AUDIT_WRITE, KILL, SETUID, SETGID, FSETID (every process in the container is
 * root already: signalling each other needs no capability; with `no-new-privileges` nothing gains any).
 */
import type { ResolvedOptions } from './options.js';

export const KEPT_CAPABILITIES: readonly string[] = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER'];

/**
 * Docker's json-file log driver, capped: the engine keeps at most `bytes` of a container's output,
 * in two files of half that (reading the latest lines spans both). With one file, the engine empties
 * it when it is full, and output read just after that was short: a flood then looked uncut.
 */
export function cappedLogConfig(bytes: number): { Type: string; Config: Record<string, string> } {
  const half = Math.max(1 << 16, Math.round(bytes / 2));
  return { Type: 'json-file', Config: { 'max-size': String(half), 'max-file': '2' } };
}

/** HostConfig fields shared by apps and builds. */
function common(opts: ResolvedOptions) {
  return {
    CapDrop: ['ALL'],
    CapAdd: [...KEPT_CAPABILITIES],
    SecurityOpt: ['no-new-privileges'],
    PidsLimit: opts.pidsLimit,
    ...(opts.runtime ? { Runtime: opts.runtime } : {}),
  };
}

/** An app instance's limits. */
export function appHostConfig(opts: ResolvedOptions) {
  return {
    ...common(opts),
    Memory: opts.memoryBytes,
    MemorySwap: opts.memoryBytes,
    NanoCpus: Math.round(opts.cpus * 1e9),
    // What the engine keeps of the app's output; the harness reads at most maxLogBytes of it.
    LogConfig: cappedLogConfig(Math.max(10 * 2 ** 20, 4 * opts.maxLogBytes)),
  };
}

/** A per-sample build container's limits; `network`: `none`, or the engine's default bridge for builds that fetch packages. */
export function buildHostConfig(opts: ResolvedOptions, network: 'none' | 'bridge') {
  return {
    ...common(opts),
    Memory: opts.buildMemoryBytes,
    MemorySwap: opts.buildMemoryBytes,
    NanoCpus: Math.round(opts.buildCpus * 1e9),
    NetworkMode: network,
    LogConfig: cappedLogConfig(Math.max(10 * 2 ** 20, 4 * opts.maxBuildLogBytes)),
  };
}
