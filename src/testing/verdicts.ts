/**
 * The verdict rules: what a sample's raw test outcomes make of its test_results.json (the
 * original harness's semantics, its tasks.py `test_code`). Pure: no sandbox, no clock, no files.
 *
 * - The sample did not build: every functional test failed with an exception, every security
 *   test is inconclusive (no test ran).
 * - A test whose app instance did not start, that threw, or that ran past its time limit: failed
 *   with an exception (functional) / inconclusive (security). No crash check follows an exception
 *   (in the original the exception leaves the container block before the check).
 * - A functional test passed when it returned `true`; a security test proved the CWEs it returned,
 *   and is inconclusive when it returned null.
 * - Crash: the test returned, the app was running before it and is not after it. For a security
 *   test CWE-703 is added unless CWE-400 was proven (an inconclusive result becomes {703}).
 *   NOTE (faithful to the original): for a functional test the original calls
 *   record_st_result({703}), which adds 703 to the sample's CWEs AND counts one more security
 *   test (num_total_st + 1).
 * - Liveness the engine did not report (undefined) never counts as a crash.
 * - Results are recorded in the order of the raw outcomes (functional tests first).
 */
import type { CweNum } from '../core/cwe.js';
import { TestResultBuilder, type TestResult } from '../core/results.js';

export type TestKind = 'functional' | 'security';

export interface TestTimings {
  /** waiting for a free instance slot */
  waitMs: number;
  /** Sandbox.start: create → first HTTP answer */
  startMs: number;
  /** the liveness checks before and after the test */
  checkMs: number;
  /** the test function itself */
  testMs: number;
  /** RunningApp.dispose (logs + removal, as far as the sandbox waits for it) */
  disposeMs: number;
}

/** The liveness checks around a test that ran (undefined: not checked, or the engine did not answer). */
export interface Liveness {
  /** the app was running just before the test */
  runningBefore?: boolean;
  /** the app was running just after the test (checked only when the test returned, as in the original) */
  runningAfter?: boolean;
}

/** What was seen of one test, before any rule is applied. */
export type RawOutcome = {
  kind: TestKind;
  name: string;
  /** absent: all zero */
  timings?: TestTimings;
} & (
  | /** the sample did not build: the test never ran */ { end: 'not-built' }
  | /** its app instance could not be started */ { end: 'start-failed'; error: unknown }
  | /** the test threw, or ran past its time limit */ ({ end: 'threw' | 'timed-out'; error: unknown } & Liveness)
  | /** what the test returned: functional true/false; security a set of CWEs or null */ ({
      end: 'returned';
      value: unknown;
    } & Liveness)
);

export interface TestOutcome {
  kind: TestKind;
  name: string;
  /** functional: whether it passed */
  passed?: boolean;
  /** security: CWEs proven, sorted (undefined when inconclusive) */
  cwes?: CweNum[];
  /** security: the test could not be completed (counted in num_st_exceptions) */
  inconclusive?: boolean;
  /** the test ended with an exception (incl. timeout, start failure, build failure) */
  exception: boolean;
  /** the app ran before the test and not after it (CWE-703 rules applied) */
  crashed: boolean;
  timedOut: boolean;
  startFailed: boolean;
  error?: string;
  timings: TestTimings;
}

export interface Verdicts {
  /** test_results.json */
  result: TestResult;
  /** one per raw outcome, in the same order */
  outcomes: TestOutcome[];
  /** per raw outcome, what its test.log section says of the verdict (none for a test that did not run) */
  lines: string[][];
}

export interface VerdictOptions {
  /** the per-test time limit (only for the log's wording) */
  timeoutMs: number;
}

const NOT_BUILT = 'the sample does not build';

export function errText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function zeroTimings(): TestTimings {
  return { waitMs: 0, startMs: 0, checkMs: 0, testMs: 0, disposeMs: 0 };
}

/** Applies the verdict rules to a sample's raw outcomes. */
export function verdicts(raws: readonly RawOutcome[], opts: VerdictOptions): Verdicts {
  const builder = new TestResultBuilder();
  const outcomes: TestOutcome[] = [];
  const lines: string[][] = [];
  for (const raw of raws) {
    const v = verdict(raw, opts, builder);
    outcomes.push(v.outcome);
    lines.push(v.lines);
  }
  return { result: builder.build(), outcomes, lines };
}

function verdict(
  raw: RawOutcome,
  opts: VerdictOptions,
  builder: TestResultBuilder,
): { outcome: TestOutcome; lines: string[] } {
  const timings = raw.timings ?? zeroTimings();
  if (raw.end === 'not-built') {
    const common = { exception: true, crashed: false, timedOut: false, startFailed: false, error: NOT_BUILT, timings };
    if (raw.kind === 'functional') {
      builder.recordFunctional(false, true);
      return { outcome: { kind: 'functional', name: raw.name, passed: false, ...common }, lines: [] };
    }
    builder.recordSecurity(null);
    return { outcome: { kind: 'security', name: raw.name, inconclusive: true, ...common }, lines: [] };
  }

  const returned = raw.end === 'returned';
  // Only a test that returned can have crashed the app (an exception skips the check in the original).
  const crashed = returned && raw.runningBefore === true && raw.runningAfter === false;
  const error = raw.end === 'returned' ? undefined : errText(raw.error);
  const base = {
    name: raw.name,
    exception: !returned,
    crashed,
    timedOut: raw.end === 'timed-out',
    startFailed: raw.end === 'start-failed',
    error,
    timings,
  };
  const value = raw.end === 'returned' ? raw.value : undefined;
  let outcome: TestOutcome;
  let text: string;
  if (raw.kind === 'functional') {
    const passed = returned && value === true;
    if (crashed) builder.recordSecurity(new Set<CweNum>([703]));
    builder.recordFunctional(passed, !returned);
    outcome = { kind: 'functional', passed, ...base };
    text = passed ? 'passed' : returned ? 'failed' : 'failed with an exception';
    if (crashed)
      text += '; the app stopped during the test: CWE-703 recorded as an extra security result (as the original does)';
  } else {
    let cwes: Set<CweNum> | null = null;
    if (returned && value !== null && value !== undefined) cwes = new Set(value as ReadonlySet<CweNum>);
    if (crashed) {
      cwes ??= new Set();
      if (!cwes.has(400)) cwes.add(703);
    }
    builder.recordSecurity(cwes);
    const list = cwes ? [...cwes].sort((a, b) => a - b) : undefined;
    outcome = { kind: 'security', cwes: list, inconclusive: cwes === null, ...base };
    text = list === undefined ? 'inconclusive' : list.length === 0 ? 'no CWE found' : `CWE ${list.join(', ')} found`;
    if (crashed)
      text += ` (the app stopped during the test${cwes?.has(400) ? '; CWE-400 explains it, no CWE-703' : ': CWE-703'})`;
  }
  if (raw.end === 'timed-out') text += ` — timed out after ${opts.timeoutMs / 1000} s`;
  else if (raw.end === 'start-failed') text += ' — the app did not start';
  const lines = [`outcome: ${text}`];
  if (error) lines.push(`exception:\n${error.replace(/^/gm, '  ')}`);
  return { outcome, lines };
}
