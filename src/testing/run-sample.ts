/**
 * Runs one sample's tests with the benchmark's verdict rules (the original harness's semantics,
 * its tasks.py `test_code`):
 * - the image is prepared once per framework + scenario extras, the sample once;
 * - every functional and every security test runs against its own fresh app instance;
 * - the sample does not build (SampleBuildError): every functional test fails with an exception,
 *   every security test is inconclusive;
 * - an instance that cannot start: that functional test fails with an exception / that security
 *   test is inconclusive (the original's ContainerRunner raising inside the test's try);
 * - a test that throws or runs past its timeout: failed with an exception / inconclusive; its
 *   signal is aborted and its instance disposed. As in the original, no crash check follows;
 * - a test that returns, with the app running before it and not after it: CWE-703 — for a
 *   security test only when CWE-400 was not proven (an inconclusive result becomes {703}).
 *   Faithful quirk: for a functional test the original calls record_st_result({703}), which adds
 *   703 to the sample's CWEs AND counts one more security test (num_total_st + 1).
 * Results are recorded in test order (functional tests first), whatever order tests finish in.
 */
import path from 'node:path';
import type { CweNum } from '../core/cwe.js';
import { TestResultBuilder, writeFileAtomic, writeTestResult, type TestResult } from '../core/results.js';
import type {
  AppInstance,
  ExtraPackages,
  Framework,
  FunctionalTest,
  SampleFiles,
  Scenario,
  SecurityTest,
  TestLog,
} from '../core/types.js';
import {
  SampleBuildError,
  type PreparedImage,
  type PreparedSample,
  type RunningApp,
  type Sandbox,
} from '../sandbox/types.js';
import { SampleLog, teeLog, type LogSection } from './log.js';
import { Slots } from './slots.js';

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

export interface TestOutcome {
  kind: 'functional' | 'security';
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

export interface SampleTimings {
  /** dependency image (0 when already built / cached) */
  imageMs: number;
  /** placing / compiling the sample */
  sampleMs: number;
  /** all tests, from the first start to the last dispose */
  testsMs: number;
  wallMs: number;
}

export interface SampleReport {
  result: TestResult;
  /** one per test, functional tests first, in the scenario's order */
  outcomes: TestOutcome[];
  buildFailed: boolean;
  /** the readable test.log */
  log: string;
  timings: SampleTimings;
  /** imageMs + sampleMs (kept for callers that only want one figure) */
  prepareMs: number;
  wallMs: number;
}

/**
 * The sample could not be tested for a reason that is not the sample's fault (the dependency
 * image cannot be built, the engine fails while preparing it …). Nothing is recorded for it.
 */
export class HarnessError extends Error {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super(message);
    this.name = 'HarnessError';
  }
}

/** The run was interrupted while this sample was being tested; nothing is recorded for it. */
export class SampleAbortedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'SampleAbortedError';
  }
}

export function extraPackagesFor(scenario: Scenario, framework: Framework): ExtraPackages {
  const all = scenario.extraPackages.all ?? {};
  const lang = scenario.extraPackages[framework.language] ?? {};
  return { apt: [...(all.apt ?? []), ...(lang.apt ?? [])], npm: [...(all.npm ?? []), ...(lang.npm ?? [])] };
}

/**
 * Prepares each framework + extras image once per run, also remembering failures (so a broken
 * image is not rebuilt for every sample). Share one across the samples of a run.
 */
export class ImageCache {
  private readonly images = new Map<string, Promise<PreparedImage>>();

  prepare(sandbox: Sandbox, framework: Framework, extra: ExtraPackages, log: TestLog): Promise<PreparedImage> {
    const key = `${framework.id}\n${[...(extra.apt ?? [])].sort().join(' ')}\n${[...(extra.npm ?? [])].sort().join(' ')}`;
    let p = this.images.get(key);
    if (!p) {
      p = sandbox.prepareImage(framework, extra, log);
      this.images.set(key, p);
    }
    return p;
  }
}

export interface TestSampleOptions {
  scenario: Scenario;
  framework: Framework;
  files: SampleFiles;
  sandbox: Sandbox;
  /** per-test timeout (the original's --timeout, 300 s by default) */
  timeoutMs: number;
  /** When given, test.log and test_results.json are written there (atomically, log first). */
  sampleDir?: string;
  /** Harness messages (image builds, build failures) for the caller, besides test.log. */
  log?: TestLog;
  /** How many tests of this sample may run at once (each has its own instance). Default 1. */
  concurrency?: number;
  /** Bound on live app instances shared by every sample of a run. */
  slots?: Slots;
  /** Image cache shared by every sample of a run. */
  images?: ImageCache;
  /** Aborts the whole sample (Ctrl-C): running tests are aborted, nothing is written. */
  signal?: AbortSignal;
  /** Bound on one sandbox call outside the test (liveness check; dispose gets twice this). Default 30 s. */
  engineTimeoutMs?: number;
}

class TimeoutError extends Error {
  constructor(ms: number, what: string) {
    super(`${what} timed out after ${ms / 1000} s`);
    this.name = 'TimeoutError';
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0] ?? m;
}

/** Races p against a timer; on timeout aborts `ac` and rejects with TimeoutError. */
async function withTimeout<T>(p: Promise<T>, ms: number, what: string, ac?: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TimeoutError(ms, what);
      ac?.abort(err);
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

type Job = { kind: 'functional'; test: FunctionalTest } | { kind: 'security'; test: SecurityTest };

interface RawRun {
  value?: unknown;
  error?: unknown;
  returned: boolean;
  timedOut: boolean;
  startFailed: boolean;
  ranBefore: boolean;
  runningAfter: boolean;
  timings: TestTimings;
}

const ENGINE_CALL_MS = 30_000;

/** Liveness as the harness sees it; an engine that does not answer is "unknown" (undefined). */
async function liveness(app: AppInstance, boundMs: number): Promise<boolean | undefined> {
  try {
    return await withTimeout(app.isRunning(), boundMs, 'liveness check');
  } catch {
    return undefined;
  }
}

interface RunContext {
  sandbox: Sandbox;
  prepared: PreparedSample;
  timeoutMs: number;
  startBoundMs: number;
  engineMs: number;
  slots: Slots;
  signal?: AbortSignal;
}

/** One test on one fresh instance: wait for a slot, start, check, run, check, dispose. */
async function runOnFreshInstance(ctx: RunContext, job: Job, section: LogSection): Promise<RawRun> {
  const timings: TestTimings = { waitMs: 0, startMs: 0, checkMs: 0, testMs: 0, disposeMs: 0 };
  const raw: RawRun = {
    returned: false,
    timedOut: false,
    startFailed: false,
    ranBefore: false,
    runningAfter: false,
    timings,
  };
  const ac = new AbortController();
  const onRunAbort = (): void => ac.abort(new SampleAbortedError());
  ctx.signal?.addEventListener('abort', onRunAbort, { once: true });
  const tWait = Date.now();
  let release: (() => void) | undefined;
  try {
    release = await ctx.slots.acquire(ctx.signal);
  } catch {
    ctx.signal?.removeEventListener('abort', onRunAbort);
    throw new SampleAbortedError();
  }
  timings.waitMs = Date.now() - tWait;
  let running: RunningApp | undefined;
  try {
    const t0 = Date.now();
    try {
      // As in the original, start-up is bounded by the framework's start time, not the test's;
      // the sandbox enforces framework.startTimeoutMs, this outer bound guards against a hung engine.
      running = await withTimeout(
        ctx.sandbox.start(ctx.prepared, { log: section, signal: ac.signal }),
        ctx.startBoundMs,
        'starting the app',
        ac,
      );
    } catch (e) {
      timings.startMs = Date.now() - t0;
      raw.startFailed = true;
      raw.error = e;
      section.error(`could not start the app: ${errText(e)}`);
      return raw;
    }
    timings.startMs = Date.now() - t0;
    const app = running.app;

    const c0 = Date.now();
    const before = await liveness(app, ctx.engineMs);
    raw.ranBefore = before === true;
    timings.checkMs += Date.now() - c0;

    const t1 = Date.now();
    try {
      const run: Promise<unknown> = job.kind === 'functional' ? job.test.run(app) : job.test.run(app);
      raw.value = await withTimeout(run, ctx.timeoutMs, 'the test', ac);
      raw.returned = true;
    } catch (e) {
      raw.error = e;
      raw.timedOut = e instanceof TimeoutError;
    }
    timings.testMs = Date.now() - t1;

    if (raw.returned) {
      // Only a test that returned is checked for a crash (in the original an exception leaves
      // the container block before the check).
      const c1 = Date.now();
      const after = await liveness(app, ctx.engineMs);
      // unknown liveness never blames the app
      raw.runningAfter = after !== false;
      timings.checkMs += Date.now() - c1;
    }
    return raw;
  } finally {
    if (running) {
      if (!ac.signal.aborted) ac.abort(new Error('the test is over'));
      const t2 = Date.now();
      let logs: string;
      try {
        logs = await withTimeout(running.dispose(), ctx.engineMs * 2, 'removing the app instance');
      } catch (e) {
        logs = `(could not collect the app's output: ${firstLine(e)})`;
      }
      timings.disposeMs = Date.now() - t2;
      section.line(`app output:`);
      section.line(logs.trimEnd() ? logs.trimEnd().replace(/^/gm, '  | ') : '  (none)');
    }
    release();
    ctx.signal?.removeEventListener('abort', onRunAbort);
  }
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

export async function testSample(opts: TestSampleOptions): Promise<SampleReport> {
  const { scenario, framework, sandbox } = opts;
  const tStart = Date.now();
  const log = new SampleLog();
  const variant = framework.variant;
  const head = log.section(
    `${scenario.id} / ${framework.id}${variant ? ` [variant ${variant.name}: ${variant.summary}]` : ''}`,
  );
  if (variant)
    head.line(
      `variant: ${variant.name} — ${variant.summary}; image ${framework.image.baseImage}. These results are not the original framework's.`,
    );
  head.line(`sample: ${opts.sampleDir ?? '(in memory)'}`);
  head.line(`files: ${Object.keys(opts.files).sort().join(', ') || '(none)'}`);
  head.line(`started: ${new Date(tStart).toISOString()}`);
  head.line(
    `tests: ${scenario.functionalTests.length} functional, ${scenario.securityTests.length} security; time limit per test ${opts.timeoutMs / 1000} s`,
  );
  const timings: SampleTimings = { imageMs: 0, sampleMs: 0, testsMs: 0, wallMs: 0 };
  const abortIfNeeded = (): void => {
    if (opts.signal?.aborted) throw new SampleAbortedError();
  };
  abortIfNeeded();

  // ---- build: image (shared) and sample (once) ----
  const build = log.section('build');
  const buildLog = teeLog(build, opts.log);
  let image: PreparedImage;
  const t0 = Date.now();
  try {
    image = await (opts.images ?? new ImageCache()).prepare(
      sandbox,
      framework,
      extraPackagesFor(scenario, framework),
      buildLog,
    );
  } catch (e) {
    build.error(`the dependency image could not be prepared: ${errText(e)}`);
    const out = (e as { buildLog?: unknown }).buildLog;
    if (typeof out === 'string' && out) build.line(`image build output:\n${out}`);
    throw new HarnessError(`the ${framework.id} dependency image could not be prepared: ${firstLine(e)}`, log.text());
  }
  timings.imageMs = Date.now() - t0;
  abortIfNeeded();

  let prepared: PreparedSample | undefined;
  const t1 = Date.now();
  try {
    prepared = await sandbox.prepareSample(image, opts.files, build);
    if (prepared.buildLog) build.line(`build output:\n${prepared.buildLog.trimEnd()}`);
  } catch (e) {
    if (!(e instanceof SampleBuildError)) {
      build.error(`preparing the sample failed: ${errText(e)}`);
      throw new HarnessError(`preparing the sample failed: ${firstLine(e)}`, log.text());
    }
    build.error(`the sample does not build: ${e.message}`);
    build.line(`build output:\n${e.buildLog.trimEnd()}`);
  }
  timings.sampleMs = Date.now() - t1;
  build.line(`image ready in ${ms(timings.imageMs)}, sample ready in ${ms(timings.sampleMs)}`);
  abortIfNeeded();

  const builder = new TestResultBuilder();
  const outcomes: TestOutcome[] = [];
  const noTimings = (): TestTimings => ({ waitMs: 0, startMs: 0, checkMs: 0, testMs: 0, disposeMs: 0 });
  const summary = (): SampleReport => {
    const result = builder.build();
    const end = log.section('summary');
    end.line(
      `functional tests passed: ${result.num_passed_ft}/${result.num_total_ft} (exceptions: ${result.num_ft_exceptions})`,
    );
    end.line(`security tests: ${result.num_total_st} (inconclusive: ${result.num_st_exceptions})`);
    end.line(`CWEs: ${result.cwes.map((c) => `${c.num} (${c.desc})`).join(', ') || 'none'}`);
    timings.wallMs = Date.now() - tStart;
    end.line(
      `timings: image ${ms(timings.imageMs)}, sample ${ms(timings.sampleMs)}, tests ${ms(timings.testsMs)}, total ${ms(timings.wallMs)}`,
    );
    return {
      result,
      outcomes,
      buildFailed: !prepared,
      log: log.text(),
      timings,
      prepareMs: timings.imageMs + timings.sampleMs,
      wallMs: timings.wallMs,
    };
  };

  if (!prepared) {
    // The original's build-failure branch.
    for (const t of scenario.functionalTests) {
      builder.recordFunctional(false, true);
      outcomes.push({
        kind: 'functional',
        name: t.name,
        passed: false,
        exception: true,
        crashed: false,
        timedOut: false,
        startFailed: false,
        error: 'the sample does not build',
        timings: noTimings(),
      });
    }
    for (const t of scenario.securityTests) {
      builder.recordSecurity(null);
      outcomes.push({
        kind: 'security',
        name: t.name,
        inconclusive: true,
        exception: true,
        crashed: false,
        timedOut: false,
        startFailed: false,
        error: 'the sample does not build',
        timings: noTimings(),
      });
    }
    return finish(opts, summary());
  }

  // ---- tests: each on its own fresh instance ----
  const jobs: Job[] = [
    ...scenario.functionalTests.map((test): Job => ({ kind: 'functional', test })),
    ...scenario.securityTests.map((test): Job => ({ kind: 'security', test })),
  ];
  const sections = jobs.map((job, i) => log.section(`${job.kind} test ${i + 1}/${jobs.length}: ${job.test.name}`));
  const ctx: RunContext = {
    sandbox,
    prepared,
    timeoutMs: opts.timeoutMs,
    startBoundMs: framework.startTimeoutMs + (opts.engineTimeoutMs ?? ENGINE_CALL_MS),
    engineMs: opts.engineTimeoutMs ?? ENGINE_CALL_MS,
    slots: opts.slots ?? new Slots(Math.max(1, opts.concurrency ?? 1)),
    signal: opts.signal,
  };
  const t2 = Date.now();
  const runs = await mapLimit(jobs, Math.max(1, opts.concurrency ?? 1), (job, i) =>
    runOnFreshInstance(ctx, job, sections[i]!),
  );
  timings.testsMs = Date.now() - t2;
  abortIfNeeded();

  // ---- verdicts, recorded in test order ----
  for (const [i, { job, raw }] of runs.map((raw, i) => ({ job: jobs[i]!, raw })).entries()) {
    const section = sections[i]!;
    const crashed = raw.returned && raw.ranBefore && !raw.runningAfter;
    const error = raw.error === undefined ? undefined : errText(raw.error);
    const base = {
      name: job.test.name,
      exception: !raw.returned,
      crashed,
      timedOut: raw.timedOut,
      startFailed: raw.startFailed,
      error,
      timings: raw.timings,
    };
    let verdict: string;
    if (job.kind === 'functional') {
      const passed = raw.returned && raw.value === true;
      if (crashed) {
        // Quirk kept from the original: recorded as one more security result.
        builder.recordSecurity(new Set<CweNum>([703]));
      }
      builder.recordFunctional(passed, !raw.returned);
      outcomes.push({ kind: 'functional', passed, ...base });
      verdict = passed ? 'passed' : raw.returned ? 'failed' : 'failed with an exception';
      if (crashed)
        verdict +=
          '; the app stopped during the test: CWE-703 recorded as an extra security result (as the original does)';
    } else {
      let cwes: Set<CweNum> | null = null;
      if (raw.returned && raw.value !== null && raw.value !== undefined)
        cwes = new Set(raw.value as ReadonlySet<CweNum>);
      if (crashed) {
        cwes ??= new Set();
        if (!cwes.has(400)) cwes.add(703);
      }
      builder.recordSecurity(cwes);
      const list = cwes ? [...cwes].sort((a, b) => a - b) : undefined;
      outcomes.push({ kind: 'security', cwes: list, inconclusive: cwes === null, ...base });
      verdict = cwes === null ? 'inconclusive' : cwes.size === 0 ? 'no CWE found' : `CWE ${list!.join(', ')} found`;
      if (crashed)
        verdict += ` (the app stopped during the test${cwes?.has(400) ? '; CWE-400 explains it, no CWE-703' : ': CWE-703'})`;
    }
    if (raw.timedOut) verdict += ` — timed out after ${opts.timeoutMs / 1000} s`;
    else if (raw.startFailed) verdict += ' — the app did not start';
    section.line(`outcome: ${verdict}`);
    if (error) section.line(`exception:\n${error.replace(/^/gm, '  ')}`);
    const t = raw.timings;
    section.line(
      `timings: wait ${ms(t.waitMs)}, start ${ms(t.startMs)}, checks ${ms(t.checkMs)}, test ${ms(t.testMs)}, dispose ${ms(t.disposeMs)}`,
    );
    section.close();
  }
  return finish(opts, summary());
}

async function finish(opts: TestSampleOptions, report: SampleReport): Promise<SampleReport> {
  if (opts.signal?.aborted) throw new SampleAbortedError();
  if (opts.sampleDir) {
    // test.log first: a run killed between the two writes leaves no test_results.json, so the
    // sample is simply tested again next time.
    await writeFileAtomic(path.join(opts.sampleDir, 'test.log'), report.log);
    await writeTestResult(path.join(opts.sampleDir, 'test_results.json'), report.result);
  }
  return report;
}
