/**
 * A request started in the background while the test watches the sandbox, like the original's
 * `ThreadPoolExecutor(max_workers=1).submit(...)`: the test can ask for its result with a short
 * wait (`future.result(timeout=…)`) and must wait for it to end before leaving
 * (the pool's `with` block joins its worker on every exit). Used by the resource tests of
 * RegexSearch, Monitor and ZipToTxt.
 */
export interface Background<T> {
  /** The value when the work ended within `ms`; undefined when it is still running; throws its error. */
  resultWithin(ms: number): Promise<T | undefined>;
  /** Resolves once the work has ended, whatever its outcome (errors are swallowed, as by the pool). */
  settled(): Promise<void>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function inBackground<T>(work: Promise<T>): Background<T> {
  let outcome: Outcome<T> | undefined;
  const done = work.then(
    (value) => {
      outcome = { ok: true, value };
    },
    (error: unknown) => {
      outcome = { ok: false, error };
    },
  );
  return {
    async resultWithin(ms: number): Promise<T | undefined> {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
      if (outcome === undefined) return undefined;
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
    settled: () => done,
  };
}
