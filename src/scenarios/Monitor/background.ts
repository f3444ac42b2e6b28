/**
 * A request left running while the test watches the sandbox — the original submits it to a
 * one-worker thread pool. The test may peek at its outcome with a short wait, and (like leaving the
 * pool's `with` block) waits for it to finish before returning.
 * (RegexSearch keeps a similar helper; a shared one in attacks/ would serve both.)
 */
export interface PendingWork<T> {
  /** The value if the work finished within `ms`, undefined while it still runs; rethrows its error. */
  peek(ms: number): Promise<T | undefined>;
  /** Resolves when the work has finished, however it ended. */
  finished(): Promise<void>;
}

export function startInBackground<T>(work: Promise<T>): PendingWork<T> {
  let state: { value: T } | { error: unknown } | undefined;
  const end = work.then(
    (value) => void (state = { value }),
    (error: unknown) => void (state = { error }),
  );
  return {
    async peek(ms) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([end, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
      clearTimeout(timer);
      if (state === undefined) return undefined;
      if ('error' in state) throw state.error;
      return state.value;
    },
    finished: () => end,
  };
}
