/** One semaphore per provider endpoint: at most N requests in flight to each. */
import { Semaphore } from '../core/concurrency.js';

/** The semaphore `ProviderLimits.for` hands out (the shared one of core/concurrency). */
export { Semaphore };

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
