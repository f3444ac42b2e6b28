/**
 * Warm app instances: fresh containers made ahead of the tests — created from the sample's image
 * with its code in place, never started — so that a test waits only for the app's own start.
 *
 * - Every instance is still used once: `take` hands a made-ahead container to exactly one test,
 *   which starts it and removes it afterwards, as one created on the spot.
 * - Made only on demand: the runner says how many starts a sample will need (`expect`); no more
 *   than that are made for it, and none once its tests are over (`release` removes what is left).
 * - Bounded: at most `capacity` containers made ahead and not yet taken, over all samples (a
 *   created, not started container holds no memory or process, only its writable layer with the
 *   code), at most `parallel` creations at once; samples that asked first are served first.
 * - `drain` (the sandbox's cleanup, also on Ctrl-C) removes every container made ahead, including
 *   those still being created; the pool stays usable (a later `expect` makes new ones).
 *
 * Generic over what a "container" is, so the bookkeeping is tested without Docker.
 */

export interface WarmPoolOptions<S, C> {
  /** Most containers made ahead and not yet taken, over all samples; 0 turns the pool off. */
  readonly capacity: number;
  /** Most creations running at once. */
  readonly parallel: number;
  /** Makes one fresh container for the sample (created, code in place, not started). */
  create(sample: S): Promise<C>;
  /** Removes a container that will not be used. Never throws. */
  discard(container: C): Promise<void>;
}

export interface WarmPoolStats {
  /** containers made ahead */
  created: number;
  /** creations that failed (the test then creates its own, and sees the error if it persists) */
  failed: number;
  /** starts served by a container made ahead */
  taken: number;
  /** starts that found none made ahead for them */
  missed: number;
  /** containers made ahead and removed unused */
  discarded: number;
}

interface Entry<C> {
  /** starts still expected for this sample */
  demand: number;
  /** made ahead or being made, oldest first; undefined when the creation failed */
  readonly queue: Promise<C | undefined>[];
}

export class WarmPool<S extends object, C> {
  private readonly entries = new Map<S, Entry<C>>();
  /** containers in the queues (made or being made), over all samples */
  private queued = 0;
  private inFlight = 0;
  /** while draining: nothing is made or handed out */
  private closed = false;
  private readonly discards = new Set<Promise<void>>();
  readonly stats: WarmPoolStats = { created: 0, failed: 0, taken: 0, missed: 0, discarded: 0 };

  constructor(private readonly o: WarmPoolOptions<S, C>) {}

  get enabled(): boolean {
    return this.o.capacity > 0 && !this.closed;
  }

  /** Containers made ahead (or being made) and not taken yet. */
  get size(): number {
    return this.queued;
  }

  /** `count` more fresh instances of this sample will be started: make them ahead, within bounds. */
  expect(sample: S, count: number): void {
    if (!this.enabled || count <= 0) return;
    let e = this.entries.get(sample);
    if (!e) {
      e = { demand: 0, queue: [] };
      this.entries.set(sample, e);
    }
    e.demand += count;
    this.fill();
  }

  /**
   * A container made ahead for this sample (waiting for its creation if it is under way), or
   * undefined: then the caller creates one itself. Each container is handed out once.
   */
  async take(sample: S): Promise<C | undefined> {
    const e = this.entries.get(sample);
    if (!e || this.closed) return undefined;
    if (e.demand > 0) e.demand--;
    const next = e.queue.shift();
    if (!next) {
      this.stats.missed++;
      this.fill();
      return undefined;
    }
    this.queued--;
    this.fill();
    const c = await next;
    if (c === undefined) this.stats.missed++;
    else this.stats.taken++;
    return c;
  }

  /** The sample's tests are over: its containers made ahead and not taken are removed. */
  async release(sample: S): Promise<void> {
    const e = this.entries.get(sample);
    if (!e) return;
    this.entries.delete(sample);
    const left = e.queue.splice(0);
    this.queued -= left.length;
    this.fill();
    await Promise.all(left.map((p) => this.discardWhenMade(p)));
  }

  /**
   * Removes every container made ahead, waiting for creations under way (nothing new is made
   * meanwhile); afterwards the pool serves new `expect` calls again.
   */
  async drain(): Promise<void> {
    this.closed = true;
    try {
      await Promise.all([...this.entries.keys()].map((s) => this.release(s)));
      await Promise.all([...this.discards]);
    } finally {
      this.closed = false;
    }
  }

  private async discardWhenMade(p: Promise<C | undefined>): Promise<void> {
    const c = await p;
    if (c === undefined) return;
    this.stats.discarded++;
    const d = this.o.discard(c);
    this.discards.add(d);
    await d;
    this.discards.delete(d);
  }

  /** Starts creations for the samples that asked first, while within bounds. */
  private fill(): void {
    while (!this.closed && this.inFlight < this.o.parallel && this.queued < this.o.capacity) {
      let target: [S, Entry<C>] | undefined;
      for (const kv of this.entries) {
        if (kv[1].queue.length < kv[1].demand) {
          target = kv;
          break;
        }
      }
      if (!target) return;
      const [sample, e] = target;
      this.inFlight++;
      this.queued++;
      const made = this.o.create(sample).then(
        (c): C | undefined => {
          this.stats.created++;
          return c;
        },
        (): undefined => {
          this.stats.failed++;
          return undefined;
        },
      );
      e.queue.push(made);
      void made.then(() => {
        this.inFlight--;
        this.fill();
      });
    }
  }
}
