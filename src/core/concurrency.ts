/**
 * Bounded concurrency, abortable: the one module every layer uses for it.
 * - `Semaphore`: at most `limit` holders at once, granted in request order; a waiter whose signal
 *   aborts leaves the queue and rejects (with the signal's reason); `tryAcquire` takes a free place
 *   without waiting.
 * - `mapLimit`: runs async work over items, at most `limit` at once, items started in order,
 *   results in item order. A failure or an aborted signal stops new items from starting; it
 *   settles only once the items already running have settled (no work is left behind).
 * - `sleep`: waits, or less when a signal aborts (it never rejects: callers check the signal).
 */

/** Waits `ms`, or less when `signal` aborts (at once when it already has); never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What a refusal because of `signal` rejects with: its reason, or a plain error when it has none. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

function checkLimit(limit: number, what: string): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`${what} must be a positive integer, got ${limit}`);
}

interface Waiter {
  grant: () => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  /** queued ahead of the others (acquire's `ahead`) */
  ahead: boolean;
}

/** A FIFO counting semaphore. */
export class Semaphore {
  private free: number;
  private readonly waiting: Waiter[] = [];
  /** The most holders seen at once (for tests and logs). */
  peak = 0;

  constructor(readonly limit: number) {
    checkLimit(limit, 'semaphore limit');
    this.free = limit;
  }

  /** Holders right now. */
  get inUse(): number {
    return this.limit - this.free;
  }

  /**
   * Waits for a place (in request order; with `ahead`, before every waiter that did not ask so) and
   * resolves with its release function (calling it more than once releases once). Rejects at once,
   * or when it aborts while waiting, if `signal` aborted.
   */
  acquire(signal?: AbortSignal, opts: { ahead?: boolean } = {}): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.free > 0 && this.waiting.length === 0) {
      this.take();
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          this.take();
          resolve(this.releaser());
        },
        reject,
        signal,
        ahead: opts.ahead === true,
      };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      if (waiter.ahead) {
        // ahead of every waiter that did not ask so, behind those that did (in their order)
        let i = 0;
        while (i < this.waiting.length && this.waiting[i]!.ahead) i++;
        this.waiting.splice(i, 0, waiter);
      } else this.waiting.push(waiter);
    });
  }

  /** A place now if one is free and nobody waits for one (its release function), else undefined. */
  tryAcquire(): (() => void) | undefined {
    if (this.free <= 0 || this.waiting.length > 0) return undefined;
    this.take();
    return this.releaser();
  }

  /** Runs fn while holding a place. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private take(): void {
    this.free--;
    this.peak = Math.max(this.peak, this.inUse);
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.free++;
      const next = this.waiting.shift();
      if (next) {
        if (next.signal && next.onAbort) next.signal.removeEventListener('abort', next.onAbort);
        next.grant();
      }
    };
  }
}

export interface MapLimitOptions {
  /** Once aborted, no further item starts; mapLimit then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Maps items through fn with at most `limit` calls running at once; items start in order and
 * the results come back in item order. When a call rejects, or `signal` aborts before every item
 * has started, no further item starts and mapLimit rejects (with the first error, else the
 * signal's reason) once the calls already running have settled.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  opts: MapLimitOptions = {},
): Promise<R[]> {
  checkLimit(limit, 'concurrency limit');
  const { signal } = opts;
  const out: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === undefined && !signal?.aborted) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  if (next < items.length && signal?.aborted) throw abortReason(signal);
  return out;
}
