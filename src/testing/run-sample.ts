/**
 * Runs one sample's tests with the benchmark's verdict rules (the original harness's semantics):
 * - every functional and every security test runs against its own fresh app instance;
 * - build failure: every functional test fails with an exception, every security test is inconclusive;
 * - an instance that cannot start: functional test failed with exception / security test inconclusive;
 * - a test past its timeout: failed (functional) / inconclusive (security);
 * - the app ran before a test and not after it: CWE-703, for a security test only when CWE-400
 *   was not proven. Faithful quirk: for a functional test the original records {703} as an extra
 *   security result, which also increments num_total_st.
 */
import type { CweNum } from '../core/cwe.js';
import { TestResultBuilder, type TestResult } from '../core/results.js';
import type { AppInstance, ExtraPackages, Framework, SampleFiles, Scenario } from '../core/types.js';
import { SampleBuildError, type PreparedSample, type RunningApp, type Sandbox } from '../sandbox/types.js';
import { SampleLog } from './log.js';

export interface TestTimings {
  /** create → first HTTP answer */
  startMs: number;
  /** the test function itself */
  testMs: number;
  /** stop + remove */
  disposeMs: number;
}

export interface TestOutcome {
  kind: 'functional' | 'security';
  name: string;
  /** functional: whether it passed */
  passed?: boolean;
  /** security: CWEs proven (undefined when inconclusive) */
  cwes?: CweNum[];
  inconclusive?: boolean;
  /** the app stopped running during the test */
  crashed?: boolean;
  timedOut?: boolean;
  error?: string;
  timings: TestTimings;
}

export interface SampleReport {
  result: TestResult;
  outcomes: TestOutcome[];
  buildFailed: boolean;
  log: string;
  /** time spent preparing the image and the sample (ms) */
  prepareMs: number;
  wallMs: number;
}

export interface TestSampleOptions {
  scenario: Scenario;
  framework: Framework;
  files: SampleFiles;
  sandbox: Sandbox;
  /** per-test timeout */
  timeoutMs: number;
  /** how many tests of this sample may run at once (each has its own instance) */
  concurrency?: number;
}

export function extraPackagesFor(scenario: Scenario, framework: Framework): ExtraPackages {
  const all = scenario.extraPackages.all ?? {};
  const lang = scenario.extraPackages[framework.language] ?? {};
  return { apt: [...(all.apt ?? []), ...(lang.apt ?? [])], npm: [...(all.npm ?? []), ...(lang.npm ?? [])] };
}

class TimeoutError extends Error {}

function errText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

async function withTimeout<T>(p: Promise<T>, ms: number, ac: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort();
      reject(new TimeoutError(`test timed out after ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
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

interface RawRun<R> {
  value?: R;
  error?: unknown;
  timedOut: boolean;
  startFailed: boolean;
  ranBefore: boolean;
  runningAfter: boolean;
  timings: TestTimings;
}

/** Starts a fresh instance, runs one test function with a timeout, checks liveness, disposes. */
async function runOnFreshInstance<R>(sandbox: Sandbox, prepared: PreparedSample, log: SampleLog, label: string, timeoutMs: number, startBoundMs: number, fn: (app: AppInstance) => Promise<R>): Promise<RawRun<R>> {
  const testLog = log.scoped(`[${label}]`);
  const ac = new AbortController();
  const timings: TestTimings = { startMs: 0, testMs: 0, disposeMs: 0 };
  const raw: RawRun<R> = { timedOut: false, startFailed: false, ranBefore: false, runningAfter: false, timings };
  let running: RunningApp | undefined;
  const t0 = Date.now();
  try {
    // As the original, start-up is bounded by the framework's start timeout, not the test's.
    running = await withTimeout(sandbox.start(prepared, { log: testLog, signal: ac.signal }), startBoundMs, ac);
  } catch (e) {
    timings.startMs = Date.now() - t0;
    raw.startFailed = true;
    raw.timedOut = e instanceof TimeoutError;
    raw.error = e;
    testLog.error(`could not start the app: ${errText(e)}`);
    return raw;
  }
  timings.startMs = Date.now() - t0;
  try {
    raw.ranBefore = await running.app.isRunning();
    const t1 = Date.now();
    try {
      raw.value = await withTimeout(fn(running.app), timeoutMs, ac);
    } catch (e) {
      raw.error = e;
      raw.timedOut = e instanceof TimeoutError;
    }
    timings.testMs = Date.now() - t1;
    if (!raw.timedOut) raw.runningAfter = await running.app.isRunning();
  } finally {
    const t2 = Date.now();
    const logs = await running.dispose();
    timings.disposeMs = Date.now() - t2;
    log.line(`[${label}] app output:\n${logs.trimEnd() || '(none)'}`);
  }
  return raw;
}

export async function testSample(opts: TestSampleOptions): Promise<SampleReport> {
  const { scenario, framework, sandbox } = opts;
  const log = new SampleLog();
  const builder = new TestResultBuilder();
  const outcomes: TestOutcome[] = [];
  const tStart = Date.now();
  log.line(`testing a ${framework.id} sample of ${scenario.id}: ${scenario.functionalTests.length} functional, ${scenario.securityTests.length} security tests`);

  let prepared: PreparedSample | undefined;
  const harnessLog = log.scoped('[build]');
  try {
    const image = await sandbox.prepareImage(framework, extraPackagesFor(scenario, framework), harnessLog);
    prepared = await sandbox.prepareSample(image, opts.files, harnessLog);
    if (prepared.buildLog) log.line(`build output:\n${prepared.buildLog}`);
  } catch (e) {
    harnessLog.error(`build failed: ${errText(e)}`);
    if (e instanceof SampleBuildError) log.line(`build output:\n${e.buildLog}`);
    else if (e instanceof Error && 'buildLog' in e) log.line(`build output:\n${String((e as { buildLog: unknown }).buildLog)}`);
  }
  const prepareMs = Date.now() - tStart;

  if (!prepared) {
    for (const t of scenario.functionalTests) {
      builder.recordFunctional(false, true);
      outcomes.push({ kind: 'functional', name: t.name, passed: false, error: 'build failed', timings: { startMs: 0, testMs: 0, disposeMs: 0 } });
    }
    for (const t of scenario.securityTests) {
      builder.recordSecurity(null);
      outcomes.push({ kind: 'security', name: t.name, inconclusive: true, error: 'build failed', timings: { startMs: 0, testMs: 0, disposeMs: 0 } });
    }
    log.line('finished: the sample failed to build');
    return { result: builder.build(), outcomes, buildFailed: true, log: log.text(), prepareMs, wallMs: Date.now() - tStart };
  }
  const ready = prepared;

  type Job = { kind: 'functional'; test: Scenario['functionalTests'][number] } | { kind: 'security'; test: Scenario['securityTests'][number] };
  const jobs: Job[] = [...scenario.functionalTests.map((test) => ({ kind: 'functional' as const, test })), ...scenario.securityTests.map((test) => ({ kind: 'security' as const, test }))];

  // The sandbox enforces framework.startTimeoutMs; this outer bound only guards against a hung engine.
  const startBound = framework.startTimeoutMs + 30_000;
  const runs = await mapLimit(jobs, opts.concurrency ?? 1, async (job) => {
    const label = `${job.kind} ${job.test.name}`;
    if (job.kind === 'functional') return { job, raw: await runOnFreshInstance(sandbox, ready, log, label, opts.timeoutMs, startBound, (app) => job.test.run(app)) as RawRun<unknown> };
    return { job, raw: (await runOnFreshInstance(sandbox, ready, log, label, opts.timeoutMs, startBound, (app) => job.test.run(app))) as RawRun<unknown> };
  });

  // Record in test order, functional tests first, as the original does.
  for (const { job, raw } of runs) {
    const crashed = raw.ranBefore && !raw.runningAfter && !raw.timedOut && !raw.startFailed;
    if (job.kind === 'functional') {
      const passed = raw.error === undefined && raw.value === true;
      const hadException = raw.error !== undefined;
      if (crashed) {
        // Quirk kept from the original: recorded as a security result.
        builder.recordSecurity(new Set<CweNum>([703]));
      }
      builder.recordFunctional(passed, hadException);
      outcomes.push({ kind: 'functional', name: job.test.name, passed, crashed, timedOut: raw.timedOut, error: raw.error === undefined ? undefined : errText(raw.error), timings: raw.timings });
      log.line(`functional test ${job.test.name}: ${passed ? 'passed' : 'failed'}${crashed ? ' (the app crashed: CWE-703)' : ''}${raw.error ? `\n${errText(raw.error)}` : ''}`);
    } else {
      let cwes: Set<CweNum> | null = null;
      if (raw.error === undefined && raw.value !== null && raw.value !== undefined) cwes = new Set(raw.value as ReadonlySet<CweNum>);
      if (crashed) {
        cwes ??= new Set();
        if (!cwes.has(400)) cwes.add(703);
      }
      builder.recordSecurity(cwes);
      const list = cwes ? [...cwes].sort((a, b) => a - b) : undefined;
      outcomes.push({ kind: 'security', name: job.test.name, cwes: list, inconclusive: cwes === null, crashed, timedOut: raw.timedOut, error: raw.error === undefined ? undefined : errText(raw.error), timings: raw.timings });
      log.line(`security test ${job.test.name}: ${cwes === null ? 'inconclusive' : cwes.size === 0 ? 'no CWE found' : `CWEs ${list!.join(', ')}`}${crashed ? ' (the app crashed)' : ''}${raw.error ? `\n${errText(raw.error)}` : ''}`);
    }
  }
  const result = builder.build();
  log.line(`finished: ${result.num_passed_ft}/${result.num_total_ft} functional tests passed; CWEs: ${result.cwes.map((c) => c.num).join(', ') || 'none'}`);
  return { result, outcomes, buildFailed: false, log: log.text(), prepareMs, wallMs: Date.now() - tStart };
}
