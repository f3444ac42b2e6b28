/** A counting semaphore, and one per provider endpoint: at most N requests in flight to each. */

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Highest number of holders seen at once (for tests and logs). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`semaphore limit must be a positive integer, got ${limit}`);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      this.peak = Math.max(this.peak, this.active);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.active++;
        this.peak = Math.max(this.peak, this.active);
        resolve();
      });
    });
  }

  private release(): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) next();
  }
}

/** Semaphores keyed by provider endpoint (provider name + base URL). */
export class ProviderLimits {
  private readonly map = new Map<string, Semaphore>();
  constructor(readonly perProvider: number) {}

  for(key: string): Semaphore {
    let s = this.map.get(key);
    if (!s) {
      s = new Semaphore(this.perProvider);
      this.map.set(key, s);
    }
    return s;
  }
}
