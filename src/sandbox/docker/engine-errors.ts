/**
 * Telling the engine's and the host's failures apart from the sample's. A failure of the engine
 * (an error status, a socket that breaks, a call that never answers) or of the host (out of disk,
 * ports, file handles, memory) becomes a SandboxInfraError, which the harness retries and never
 * records as a verdict.
 */
import { SandboxInfraError } from '../types.js';

/** errno codes of the engine's socket and of the host's resources. */
const HOST_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EMFILE',
  'ENFILE',
  'EADDRINUSE',
  'EADDRNOTAVAIL',
  'ENOSPC',
  'ENOMEM',
  'EAGAIN',
]);

const HOST_MESSAGES =
  /socket hang up|no space left on device|cannot allocate memory|too many open files|address already in use|port is already allocated|connect ENOENT|Cannot connect to the Docker daemon/i;

/** Whether `e` is a failure of the engine or the host (never of the sample). */
export function isEngineFailure(e: unknown): boolean {
  if (e instanceof SandboxInfraError) return true;
  if (typeof e !== 'object' || e === null) return false;
  const { statusCode, code, message } = e as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 500) return true;
  if (typeof code === 'string' && HOST_CODES.has(code)) return true;
  return typeof message === 'string' && HOST_MESSAGES.test(message);
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return (m.split('\n')[0] ?? m).trim();
}

/** `e` as a SandboxInfraError saying what was being done. */
export function infraError(what: string, e: unknown): SandboxInfraError {
  if (e instanceof SandboxInfraError) return e;
  return new SandboxInfraError(`${what}: ${firstLine(e)}`, e);
}

/** Runs an engine call whose failure can only be the engine's or the host's (never the sample's). */
export async function engineCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw infraError(what, e);
  }
}
