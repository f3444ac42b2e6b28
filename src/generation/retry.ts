/**
 * Retries with exponential backoff and full jitter, as the original harness: before retry r
 * (1-based) wait a uniform random time in [0, min(baseDelay·2^r, maxDelay)] seconds. A
 * `Retry-After` header of a 429/503 is honoured (capped at maxDelay). Only transient failures
 * are retried: rate limits (429), server errors (5xx), 408/409, network errors, timeouts and
 * empty answers. Sleeps are abortable and the clock is injectable for tests.
 */
import { APICallError } from 'ai';

export interface RetryOptions {
  /** Retries after the first attempt (the original's default is 20). */
  maxRetries: number;
  /** Seconds. */
  baseDelay: number;
  /** Seconds. */
  maxDelay: number;
  signal?: AbortSignal;
  /** Waits `ms` (abortable). Defaults to a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1). Defaults to Math.random. */
  random?: () => number;
  /** Called before each wait, with the failure that caused it. */
  onRetry?: (info: { retry: number; delayMs: number; error: unknown }) => void;
}

/** An error worth another attempt that did not come from an HTTP answer (e.g. an empty answer). */
export class TransientError extends Error {
  override name = 'TransientError';
}

export class RetriesExhaustedError extends Error {
  override name = 'RetriesExhaustedError';
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`gave up after ${attempts} attempt(s): ${describeError(lastError)}`);
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The HTTP status of an API failure, if it was one. */
export function statusOf(error: unknown): number | undefined {
  if (APICallError.isInstance(error)) return error.statusCode;
  return undefined;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function errorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a failure is transient (worth retrying). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (APICallError.isInstance(error)) {
    const s = error.statusCode;
    if (s === undefined) return true; // the request did not get an HTTP answer
    return s === 408 || s === 409 || s === 429 || s >= 500;
  }
  const code = errorCode(error);
  if (code && NETWORK_CODES.has(code)) return true;
  if (
    error instanceof Error &&
    (error.name === 'TimeoutError' || /fetch failed|socket hang up|network/i.test(error.message))
  )
    return true;
  return false;
}

/** Seconds to wait from a Retry-After / retry-after-ms header, if any. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!APICallError.isInstance(error)) return undefined;
  const h = error.responseHeaders ?? {};
  const get = (name: string): string | undefined => {
    for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === name) return v;
    return undefined;
  };
  const ms = get('retry-after-ms');
  if (ms !== undefined && Number.isFinite(Number(ms))) return Number(ms) / 1000;
  const ra = get('retry-after');
  if (ra === undefined) return undefined;
  if (Number.isFinite(Number(ra))) return Number(ra);
  const date = Date.parse(ra);
  return Number.isFinite(date) ? Math.max(0, (date - Date.now()) / 1000) : undefined;
}

/** The wait before retry `retry` (1-based), in ms. */
export function backoffDelayMs(
  retry: number,
  opts: Pick<RetryOptions, 'baseDelay' | 'maxDelay' | 'random'>,
  error?: unknown,
): number {
  const cap = Math.min(opts.baseDelay * 2 ** retry, opts.maxDelay);
  const jittered = (opts.random ?? Math.random)() * cap;
  const after = retryAfterSeconds(error);
  const seconds = after !== undefined ? Math.min(Math.max(after, jittered), opts.maxDelay) : jittered;
  return Math.round(seconds * 1000);
}

export function describeError(e: unknown): string {
  if (APICallError.isInstance(e)) {
    const body = (e.responseBody ?? '').replace(/\s+/g, ' ').slice(0, 300);
    return `HTTP ${e.statusCode ?? '?'} from ${e.url}: ${e.message}${body && !e.message.includes(body) ? ` (${body})` : ''}`;
  }
  if (e instanceof Error) {
    const code = errorCode(e);
    const cause = (e as { cause?: unknown }).cause;
    const causeMsg = cause instanceof Error && cause.message !== e.message ? ` (${cause.message})` : '';
    return `${e.message}${code && !e.message.includes(code) ? ` [${code}]` : ''}${causeMsg}`;
  }
  return String(e);
}

/**
 * Runs `attempt` until it succeeds, a non-transient error occurs (rethrown as is), or the
 * retries are used up (RetriesExhaustedError with the last error).
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? abortableSleep;
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry + 1);
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      if (!isRetryable(e)) throw e;
      if (retry + 1 > opts.maxRetries) throw new RetriesExhaustedError(retry + 1, e);
      const delayMs = backoffDelayMs(retry + 1, opts, e);
      opts.onRetry?.({ retry: retry + 1, delayMs, error: e });
      await sleep(delayMs, opts.signal);
    }
  }
}
