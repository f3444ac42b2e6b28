/**
 * Runs one sample's tests: the orchestration around the verdict rules (./verdicts.ts).
 * - the image is prepared once per framework + scenario extras, the sample once;
 * - every functional and every security test runs against its own fresh app instance (an
 *   instance that cannot start fails that test, as the original's ContainerRunner raising inside
 *   the test's try); the sandbox is told how many it will start, so it may make them ahead
 *   (warm instances), and releases what is left when the sample's tests are over;
 * - a test that throws or runs past its timeout has its signal aborted and its instance disposed;
 *   only a test that returned is checked for liveness afterwards;
 * - the raw outcomes go through `verdicts`, in test order (functional tests first), whatever
 *   order the tests finished in; test.log and test_results.json are written last;
 * - harness errors are not verdicts: a failure that is not the sample's (the sandbox's
 *   SandboxInfraError — the engine failing to create or start an instance, to read a file … — a
 *   start that the engine never completes, the host running out of ports or file handles) is
 *   retried with backoff, the test on a fresh instance; when it persists the sample gets no
 *   result at all (HarnessError) and a later run tests it again.
 */
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { mapLimit, Semaphore, sleep } from '../core/concurrency.js';
import { appsMemoryHolds, machineFacts, restingPlaceCount } from '../core/machine.js';
import { writeFileAtomic, writeTestResult, type TestResult } from '../core/results.js';
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
  SandboxInfraError,
  type PreparedImage,
  type PreparedSample,
  type RunningApp,
  type Sandbox,
} from '../sandbox/types.js';
import { SampleLog, teeLog, type LogSection } from './log.js';
import { errText, verdicts, type RawOutcome, type TestOutcome, type TestTimings } from './verdicts.js';

export type { TestOutcome, TestTimings } from './verdicts.js';

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
  slots?: Semaphore;
  /** Image cache shared by every sample of a run. */
  images?: ImageCache;
  /** Aborts the whole sample (Ctrl-C): running tests are aborted, nothing is written. */
  signal?: AbortSignal;
  /** Bound on one sandbox call outside the test (liveness check; dispose gets twice this). Default 30 s. */
  engineTimeoutMs?: number;
  /** Delays before each retry of a step that failed for a harness reason (default 2 s, 10 s: three attempts). */
  infraRetryDelaysMs?: readonly number[];
}

const INFRA_RETRY_DELAYS_MS = [2_000, 10_000];

/** errno codes of the harness's own host running out of something (the test client's side). */
const HOST_RESOURCE_CODES = new Set(['EMFILE', 'ENFILE', 'EADDRNOTAVAIL', 'ENOBUFS', 'ENOSPC']);

/**
 * Whether an error is the harness's, not the sample's: the sandbox said so (SandboxInfraError), or
 * the host ran out of file handles, local ports or buffers (also when wrapped, e.g. by fetch).
 */
export function isHarnessFailure(e: unknown): boolean {
  let cur: unknown = e;
  for (let depth = 0; depth < 6 && cur !== undefined && cur !== null; depth++) {
    if (cur instanceof SandboxInfraError) return true;
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && HOST_RESOURCE_CODES.has(code)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

class TimeoutError extends Error {
  constructor(
    ms: number,
    readonly what: string,
  ) {
    super(`${what} timed out after ${ms / 1000} s`);
    this.name = 'TimeoutError';
  }
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

type Job = { kind: 'functional'; test: FunctionalTest } | { kind: 'security'; test: SecurityTest };

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
  slots: Semaphore;
  signal?: AbortSignal;
  retryDelaysMs: readonly number[];
}

/** A test attempt that failed for a harness reason (it says nothing about the sample). */
interface InfraFailure {
  infra: unknown;
  /** what was being done */
  during: string;
}

function isInfra(r: RawOutcome | InfraFailure): r is InfraFailure {
  return 'infra' in r;
}

/**
 * One test, retried on a fresh instance while it fails for a harness reason; throws HarnessError
 * when every attempt did (the sample then gets no result).
 */
async function runTest(ctx: RunContext, job: Job, section: LogSection): Promise<RawOutcome> {
  for (let attempt = 0; ; attempt++) {
    const r = await runOnFreshInstance(ctx, job, section);
    if (!isInfra(r)) return r;
    if (ctx.signal?.aborted) throw new SampleAbortedError();
    const delay = ctx.retryDelaysMs[attempt];
    const what = `${r.during}: ${firstLine(r.infra)}`;
    if (delay === undefined) {
      section.error(`harness error (not the sample's), attempt ${attempt + 1}, giving up: ${what}`);
      throw new HarnessError(`${job.test.name}: ${what}`, '');
    }
    section.warn(
      `harness error (not the sample's), attempt ${attempt + 1}: ${what}; trying again on a fresh instance in ${delay / 1000} s`,
    );
    await sleep(delay, ctx.signal);
  }
}

/** Instances the memory available now holds at their whole limit (running and resting together). */
function machineAliveBudget(): number {
  return appsMemoryHolds(machineFacts());
}

/**
 * Samples in progress at once for a number of running places: as many as running and resting
 * places together (restingPlaceCount, within `aliveBudget`: by default what this machine's memory
 * holds now), so that a sample waiting for its one long test does not keep the others from
 * starting (every build and test still needs a running place).
 */
export function samplesInProgress(runningPlaces: number, aliveBudget = machineAliveBudget()): number {
  const n = Math.max(1, Math.floor(runningPlaces));
  return n + restingPlaceCount(n, aliveBudget);
}

const restingPlaces = new WeakMap<Semaphore, Semaphore | null>();
/**
 * The resting places that go with a set of running places: an instance that only waits out a
 * settle time (left alone after its first answer, or after its test before the crash check) gives
 * its running place to another test and holds a resting place instead, when one is free. So at
 * most `slots.limit` instances start or are under test at once, and restingPlaceCount more rest
 * (idle apps: no request, no CPU; memory as they left it, hence the budget from the machine's
 * memory): waiting does not hold the machine back. Undefined when the memory leaves none.
 */
function restingFor(slots: Semaphore): Semaphore | undefined {
  let r = restingPlaces.get(slots);
  if (r === undefined) {
    const count = restingPlaceCount(slots.limit, machineAliveBudget());
    r = count > 0 ? new Semaphore(count) : null;
    restingPlaces.set(slots, r);
  }
  return r ?? undefined;
}

/** One test on one fresh instance: wait for a slot, start, check, run, check, dispose. */
async function runOnFreshInstance(ctx: RunContext, job: Job, section: LogSection): Promise<RawOutcome | InfraFailure> {
  const timings: TestTimings = { waitMs: 0, startMs: 0, checkMs: 0, testMs: 0, disposeMs: 0 };
  const test = { kind: job.kind, name: job.test.name, timings };
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
  const resting = restingFor(ctx.slots);
  /** the resting place held instead of the running one during a settle time */
  let rest: (() => void) | undefined;
  /** Trades the running place for a resting one when one is free (else keeps it). */
  const goRest = (): void => {
    if (rest) return;
    rest = resting?.tryAcquire();
    if (rest) release?.();
  };
  /** Back from a rest: waits for a running place again (the app meanwhile stays alone). */
  const stopResting = async (): Promise<void> => {
    if (!rest) return;
    const tBack = Date.now();
    try {
      // ahead of tests that have not started: this one's app is up and waiting
      release = await ctx.slots.acquire(ctx.signal, { ahead: true });
    } catch {
      throw new SampleAbortedError();
    }
    timings.waitMs += Date.now() - tBack;
    rest();
    rest = undefined;
  };
  let running: RunningApp | undefined;
  try {
    const t0 = Date.now();
    try {
      // As in the original, start-up is bounded by the framework's start time, not the test's;
      // the sandbox enforces framework.startTimeoutMs, this outer bound guards against a hung engine.
      running = await withTimeout(
        ctx.sandbox.start(ctx.prepared, { log: section, signal: ac.signal, onAnswered: goRest }),
        ctx.startBoundMs,
        'starting the app',
        ac,
      );
    } catch (error) {
      timings.startMs = Date.now() - t0;
      // The engine failed, or never completed the start (the sandbox bounds the app's own
      // start-up by the framework's start time; this outer bound only fires on a hung engine).
      if (isHarnessFailure(error) || (error instanceof TimeoutError && !ctx.signal?.aborted))
        return { infra: error, during: 'starting the app' };
      section.error(`could not start the app: ${errText(error)}`);
      return { ...test, end: 'start-failed', error };
    }
    timings.startMs = Date.now() - t0;
    await stopResting();
    const app = running.app;

    const c0 = Date.now();
    const runningBefore = await liveness(app, ctx.engineMs);
    timings.checkMs += Date.now() - c0;

    const t1 = Date.now();
    let value: unknown;
    try {
      const run: Promise<unknown> = job.kind === 'functional' ? job.test.run(app) : job.test.run(app);
      value = await withTimeout(run, ctx.timeoutMs, 'the test', ac);
    } catch (error) {
      timings.testMs = Date.now() - t1;
      if (!(error instanceof TimeoutError) && isHarnessFailure(error))
        return { infra: error, during: 'running the test' };
      return { ...test, end: error instanceof TimeoutError ? 'timed-out' : 'threw', error, runningBefore };
    }
    timings.testMs = Date.now() - t1;

    // Only a test that returned is checked for a crash (in the original an exception leaves
    // the container block before the check). The app must still run `crashSettleMs` after the
    // test: one that dies of the test's last request is then gone, however loaded the machine
    // (the original's check comes a few hundred ms later, after its process pool and a `ps aux`).
    const c1 = Date.now();
    const crashSettleMs = ctx.sandbox.crashSettleMs ?? 0;
    if (crashSettleMs > 0) goRest();
    await sleep(crashSettleMs, ctx.signal);
    const runningAfter = await liveness(app, ctx.engineMs);
    timings.checkMs += Date.now() - c1;
    return { ...test, end: 'returned', value, runningBefore, runningAfter };
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
    release?.();
    rest?.();
    ctx.signal?.removeEventListener('abort', onRunAbort);
  }
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

/** The head of test.log: what is tested, on what, with which limits. */
function logHeader(log: SampleLog, opts: TestSampleOptions, tStart: number): void {
  const { scenario, framework } = opts;
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
}

/** The options with the running places settled (the caller's, or this sample's own). */
type WithSlots = TestSampleOptions & { readonly slots: Semaphore };

/**
 * Prepares the dependency image (shared) and the sample (once). Undefined when the sample does
 * not build; a HarnessError when the failure is not the sample's.
 */
async function build(opts: WithSlots, log: SampleLog, timings: SampleTimings): Promise<PreparedSample | undefined> {
  const { scenario, framework, sandbox } = opts;
  const section = log.section('build');
  let image: PreparedImage;
  const t0 = Date.now();
  try {
    image = await (opts.images ?? new ImageCache()).prepare(
      sandbox,
      framework,
      extraPackagesFor(scenario, framework),
      teeLog(section, opts.log),
    );
  } catch (e) {
    section.error(`the dependency image could not be prepared: ${errText(e)}`);
    const out = (e as { buildLog?: unknown }).buildLog;
    if (typeof out === 'string' && out) section.line(`image build output:\n${out}`);
    throw new HarnessError(`the ${framework.id} dependency image could not be prepared: ${firstLine(e)}`, log.text());
  }
  timings.imageMs = Date.now() - t0;
  if (opts.signal?.aborted) throw new SampleAbortedError();

  let prepared: PreparedSample | undefined;
  const t1 = Date.now();
  const delays = opts.infraRetryDelaysMs ?? INFRA_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      // A build (a compile, migrations) takes a running place, as an app under test does.
      prepared = await opts.slots.run(() => sandbox.prepareSample(image, opts.files, section), opts.signal);
      if (prepared.buildLog) section.line(`build output:\n${prepared.buildLog.trimEnd()}`);
      break;
    } catch (e) {
      if (e instanceof SampleBuildError) {
        section.error(`the sample does not build: ${e.message}`);
        section.line(`build output:\n${e.buildLog.trimEnd()}`);
        break;
      }
      // Anything but the sample's own build failure is the harness's (the engine, the host).
      const delay = delays[attempt];
      if (delay === undefined || opts.signal?.aborted) {
        section.error(`preparing the sample failed (harness error, not the sample's): ${errText(e)}`);
        throw new HarnessError(`preparing the sample failed: ${firstLine(e)}`, log.text());
      }
      section.warn(
        `preparing the sample failed (harness error, not the sample's): ${firstLine(e)}; trying again in ${delay / 1000} s`,
      );
      await sleep(delay, opts.signal);
      if (opts.signal?.aborted) throw new SampleAbortedError();
    }
  }
  timings.sampleMs = Date.now() - t1;
  section.line(`image ready in ${ms(timings.imageMs)}, sample ready in ${ms(timings.sampleMs)}`);
  return prepared;
}

/** Runs every test on its own fresh instance, `opts.concurrency` at a time; raw outcomes in test order. */
async function runTests(
  opts: WithSlots,
  prepared: PreparedSample,
  jobs: readonly Job[],
  sections: readonly LogSection[],
): Promise<RawOutcome[]> {
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const engineMs = opts.engineTimeoutMs ?? ENGINE_CALL_MS;
  // Stops the sample's other tests once one of them met a persistent harness error (the sample
  // gets no result then), and follows the run's own interruption.
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // one listener per test in progress, and their waits
  const onRunAbort = (): void => stop.abort(opts.signal?.reason);
  if (opts.signal?.aborted) stop.abort(opts.signal.reason);
  opts.signal?.addEventListener('abort', onRunAbort, { once: true });
  const ctx: RunContext = {
    sandbox: opts.sandbox,
    prepared,
    timeoutMs: opts.timeoutMs,
    startBoundMs: opts.framework.startTimeoutMs + engineMs,
    engineMs,
    slots: opts.slots,
    signal: stop.signal,
    retryDelaysMs: opts.infraRetryDelaysMs ?? INFRA_RETRY_DELAYS_MS,
  };
  try {
    return await mapLimit(
      jobs,
      concurrency,
      async (job, i) => {
        try {
          return await runTest(ctx, job, sections[i]!);
        } catch (e) {
          if (e instanceof HarnessError) stop.abort(e);
          throw e;
        }
      },
      { signal: stop.signal },
    );
  } catch (e) {
    if (opts.signal?.aborted) throw new SampleAbortedError();
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onRunAbort);
  }
}

function logSummary(log: SampleLog, result: TestResult, timings: SampleTimings): void {
  const end = log.section('summary');
  end.line(
    `functional tests passed: ${result.num_passed_ft}/${result.num_total_ft} (exceptions: ${result.num_ft_exceptions})`,
  );
  end.line(`security tests: ${result.num_total_st} (inconclusive: ${result.num_st_exceptions})`);
  end.line(`CWEs: ${result.cwes.map((c) => `${c.num} (${c.desc})`).join(', ') || 'none'}`);
  end.line(
    `timings: image ${ms(timings.imageMs)}, sample ${ms(timings.sampleMs)}, tests ${ms(timings.testsMs)}, total ${ms(timings.wallMs)}`,
  );
}

export async function testSample(given: TestSampleOptions): Promise<SampleReport> {
  const opts: WithSlots = { ...given, slots: given.slots ?? new Semaphore(Math.max(1, given.concurrency ?? 1)) };
  const tStart = Date.now();
  const log = new SampleLog();
  logHeader(log, opts, tStart);
  const timings: SampleTimings = { imageMs: 0, sampleMs: 0, testsMs: 0, wallMs: 0 };
  const abortIfNeeded = (): void => {
    if (opts.signal?.aborted) throw new SampleAbortedError();
  };
  abortIfNeeded();
  const prepared = await build(opts, log, timings);
  abortIfNeeded();

  const jobs: Job[] = [
    ...opts.scenario.functionalTests.map((test): Job => ({ kind: 'functional', test })),
    ...opts.scenario.securityTests.map((test): Job => ({ kind: 'security', test })),
  ];
  let raws: RawOutcome[];
  let sections: LogSection[] = [];
  if (!prepared) {
    // No test runs; verdicts turns them into the build-failure results.
    raws = jobs.map((job): RawOutcome => ({ kind: job.kind, name: job.test.name, end: 'not-built' }));
  } else {
    sections = jobs.map((job, i) => log.section(`${job.kind} test ${i + 1}/${jobs.length}: ${job.test.name}`));
    const t0 = Date.now();
    // Warm instances: the sandbox may make this sample's fresh instances ahead of its tests.
    opts.sandbox.expectStarts?.(prepared, jobs.length);
    try {
      raws = await runTests(opts, prepared, jobs, sections);
    } catch (e) {
      if (!(e instanceof HarnessError)) throw e;
      for (const section of sections) section.close();
      log.section('harness error').error(`no result recorded for this sample: ${e.message}`);
      throw new HarnessError(e.message, log.text());
    } finally {
      await opts.sandbox.release?.(prepared);
    }
    timings.testsMs = Date.now() - t0;
    abortIfNeeded();
  }

  const { result, outcomes, lines } = verdicts(raws, { timeoutMs: opts.timeoutMs });
  sections.forEach((section, i) => {
    for (const l of lines[i]!) section.line(l);
    const t = outcomes[i]!.timings;
    section.line(
      `timings: wait ${ms(t.waitMs)}, start ${ms(t.startMs)}, checks ${ms(t.checkMs)}, test ${ms(t.testMs)}, dispose ${ms(t.disposeMs)}`,
    );
    section.close();
  });
  timings.wallMs = Date.now() - tStart;
  logSummary(log, result, timings);
  return finish(opts, {
    result,
    outcomes,
    buildFailed: !prepared,
    log: log.text(),
    timings,
    prepareMs: timings.imageMs + timings.sampleMs,
    wallMs: timings.wallMs,
  });
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
