/**
 * test: runs the tests of every sample in a results tree (the original layout), resumable and
 * concurrent, writing test_results.json and test.log beside each sample's code.
 *
 * - A sample without a code/ folder is skipped; one with test_results.json too, unless `force`,
 *   which first deletes the sample's *.log and *.json files (as the original's --force does).
 * - Concurrency: at most `maxConcurrentRuns` app instances start or are under test at once (and
 *   builds run), shared by all samples (tests of one sample fill free places); instances waiting
 *   out a settle time rest beside them (testing/run-sample.ts); samples in progress:
 *   `samplesInProgress(maxConcurrentRuns)`.
 * - Interrupted (signal aborted): no new sample starts and samples in progress write nothing,
 *   so every test_results.json on disk comes from a complete, undisturbed run.
 * - Harness errors (the engine or the host failed, not the sample; retried inside testSample
 *   first): nothing is recorded but test.log and a `harness_error.json` marker with the reason;
 *   the sample is listed in the summary and a later run tests it again.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mapLimit, Semaphore } from '../core/concurrency.js';
import { exists } from '../core/fs.js';
import { machineConcurrency, machineFacts } from '../core/machine.js';
import {
  codeDir,
  HARNESS_ERROR_FILE,
  readCode,
  sampleDir,
  testResultsPath,
  writeFileAtomic,
  type HarnessErrorRecord,
  type TestResult,
} from '../core/results.js';
import type { Framework, SafetyPrompt, Scenario, SpecType, TaskKey, TestLog } from '../core/types.js';
import type { Sandbox } from '../sandbox/types.js';
import {
  HarnessError,
  ImageCache,
  SampleAbortedError,
  samplesInProgress,
  testSample,
  type SampleReport,
} from '../testing/run-sample.js';

export interface SampleJob {
  key: TaskKey;
  sample: number;
  scenario: Scenario;
  framework: Framework;
}

export type SampleStatus = 'tested' | 'skipped-existing' | 'skipped-no-code' | 'error' | 'interrupted';

export interface SampleEvent {
  job: SampleJob;
  status: SampleStatus;
  result?: TestResult;
  report?: SampleReport;
  /** for 'error': what went wrong (one line) */
  message?: string;
}

export interface TestRunOptions {
  resultsDir: string;
  jobs: readonly SampleJob[];
  sandbox: Sandbox;
  /** per-test timeout */
  timeoutMs: number;
  force: boolean;
  /** app instances starting or under test at once, as many more resting in a settle time (and samples in progress at once) */
  maxConcurrentRuns: number;
  /** tests of one sample at once (default: maxConcurrentRuns) */
  testConcurrency?: number;
  /** Ctrl-C: stop starting samples, write nothing for samples in progress. */
  signal?: AbortSignal;
  /** harness messages (e.g. a dependency image being built) */
  log?: TestLog;
  /** called once per job, in completion order */
  onSample?: (ev: SampleEvent) => void;
  /** Delays before each retry of a step that failed for a harness reason (testSample's default when absent). */
  infraRetryDelaysMs?: readonly number[];
}

export interface TestRunSummary {
  tested: number;
  skippedExisting: number;
  skippedNoCode: number;
  /** samples that could not be tested (harness errors): nothing was recorded for them but test.log and harness_error.json */
  errors: number;
  /** one line per such sample: which, and why */
  errorMessages: string[];
  /** samples not finished because the run was interrupted */
  interrupted: number;
  correct: number;
  secure: number;
  wallMs: number;
  reports: { job: SampleJob; report: SampleReport }[];
}

export { machineConcurrency, machineFacts, type MachineFacts } from '../core/machine.js';

/**
 * Fresh instances made ahead of the tests for a concurrency: twice as many as run at once (a created,
 * not started container costs no memory or CPU; fewer leave samples that start later without one).
 */
export function defaultWarmInstances(maxConcurrentRuns: number): number {
  return 2 * maxConcurrentRuns;
}

/** The default for --max-concurrent-runs: from this machine's cores and memory (machineConcurrency). */
export function defaultConcurrency(): number {
  return machineConcurrency(machineFacts());
}

/** As the original with --force: remove the sample's old *.log and *.json files (not in code/). */
export async function clearSampleArtifacts(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => n.endsWith('.log') || n.endsWith('.json'))
      .map((n) => fs.rm(path.join(dir, n), { force: true })),
  );
}

export async function runTests(opts: TestRunOptions): Promise<TestRunSummary> {
  const t0 = Date.now();
  const summary: TestRunSummary = {
    tested: 0,
    skippedExisting: 0,
    skippedNoCode: 0,
    errors: 0,
    errorMessages: [],
    interrupted: 0,
    correct: 0,
    secure: 0,
    wallMs: 0,
    reports: [],
  };
  const slots = new Semaphore(Math.max(1, opts.maxConcurrentRuns));
  const images = new ImageCache();
  const emit = (ev: SampleEvent): void => opts.onSample?.(ev);

  const one = async (job: SampleJob): Promise<void> => {
    if (opts.signal?.aborted) {
      summary.interrupted++;
      emit({ job, status: 'interrupted' });
      return;
    }
    const sDir = sampleDir(opts.resultsDir, job.key, job.sample);
    const cDir = codeDir(opts.resultsDir, job.key, job.sample);
    if (!(await exists(cDir))) {
      summary.skippedNoCode++;
      emit({ job, status: 'skipped-no-code' });
      return;
    }
    const resultFile = testResultsPath(opts.resultsDir, job.key, job.sample);
    if (!opts.force && (await exists(resultFile))) {
      summary.skippedExisting++;
      emit({ job, status: 'skipped-existing' });
      return;
    }
    if (opts.force) await clearSampleArtifacts(sDir);
    try {
      const files = await readCode(cDir);
      const report = await testSample({
        scenario: job.scenario,
        framework: job.framework,
        files,
        sandbox: opts.sandbox,
        timeoutMs: opts.timeoutMs,
        sampleDir: sDir,
        log: opts.log,
        concurrency: opts.testConcurrency ?? opts.maxConcurrentRuns,
        slots,
        images,
        signal: opts.signal,
        ...(opts.infraRetryDelaysMs ? { infraRetryDelaysMs: opts.infraRetryDelaysMs } : {}),
      });
      summary.tested++;
      const r = report.result;
      if (r.num_passed_ft === r.num_total_ft) {
        summary.correct++;
        if (r.cwes.length === 0) summary.secure++;
      }
      summary.reports.push({ job, report });
      await fs.rm(path.join(sDir, HARNESS_ERROR_FILE), { force: true });
      emit({ job, status: 'tested', result: r, report });
    } catch (e) {
      if (e instanceof SampleAbortedError || opts.signal?.aborted) {
        summary.interrupted++;
        emit({ job, status: 'interrupted' });
        return;
      }
      const what = `${job.key.model} ${job.scenario.id} ${job.framework.id} sample${job.sample}`;
      const message = `${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
      summary.errors++;
      summary.errorMessages.push(message);
      // Keep the log of what was tried and why (no test_results.json: the next run tries again).
      const text = e instanceof HarnessError ? e.log : `${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
      await writeFileAtomic(path.join(sDir, 'test.log'), text).catch(() => undefined);
      const record: HarnessErrorRecord = {
        reason: e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e),
        at: new Date().toISOString(),
      };
      await writeFileAtomic(path.join(sDir, HARNESS_ERROR_FILE), `${JSON.stringify(record)}\n`).catch(() => undefined);
      emit({ job, status: 'error', message });
    }
  };

  // Not given the signal: each job not started when the run is interrupted is reported as such.
  await mapLimit(opts.jobs, samplesInProgress(opts.maxConcurrentRuns), one);
  summary.wallMs = Date.now() - t0;
  return summary;
}

/** The model name under which `--models reference` puts the bundled secure references. */
export const REFERENCE_MODEL = 'reference';

/** What to test: every model × scenario × framework × sample index, with the prompt setting. */
export interface TestSelection {
  readonly models: readonly string[];
  readonly scenarios: readonly Scenario[];
  readonly frameworks: readonly Framework[];
  readonly samples: readonly number[];
  readonly temperature: number;
  readonly specType: SpecType;
  readonly safetyPrompt: SafetyPrompt;
}

function hasSecureReference(scenario: Scenario, framework: string): boolean {
  return scenario.references.some((r) => r.name === 'secure' && r.framework === framework);
}

/**
 * The samples of a selection, models × scenarios × frameworks × samples in the order given; for
 * the `reference` model only tasks whose framework has a secure reference. Reads nothing from disk,
 * so every shard of a run computes the same list.
 */
export function planTestJobs(sel: TestSelection): SampleJob[] {
  const jobs: SampleJob[] = [];
  for (const model of sel.models)
    for (const scenario of sel.scenarios)
      for (const framework of sel.frameworks) {
        if (model === REFERENCE_MODEL && !hasSecureReference(scenario, framework.id)) continue;
        const key: TaskKey = {
          model,
          scenario: scenario.id,
          framework: framework.id,
          temperature: sel.temperature,
          specType: sel.specType,
          safetyPrompt: sel.safetyPrompt,
        };
        for (const sample of sel.samples) jobs.push({ key, sample, scenario, framework });
      }
  return jobs;
}

/** Copies the secure reference in as the code of each `reference`-model job (materializeReferences). */
export async function materializeReferenceJobs(
  resultsDir: string,
  jobs: readonly SampleJob[],
  force: boolean,
): Promise<void> {
  for (const job of jobs) {
    if (job.key.model !== REFERENCE_MODEL) continue;
    await materializeReferences(resultsDir, [{ key: job.key, scenario: job.scenario }], [job.sample], force);
  }
}

/**
 * `--models reference`: copies each task's bundled secure reference into the tree as its samples
 * (`<results>/reference/<scenario>/<framework>/temp…/sample<i>/code/`). Tasks whose framework has
 * no secure reference are left out. Existing code is kept unless `force`.
 * Returns the keys of the tasks that have a reference.
 */
export async function materializeReferences(
  resultsDir: string,
  tasks: readonly { key: TaskKey; scenario: Scenario }[],
  samples: readonly number[],
  force: boolean,
): Promise<TaskKey[]> {
  const usable: TaskKey[] = [];
  for (const { key, scenario } of tasks) {
    const ref = scenario.references.find((r) => r.name === 'secure' && r.framework === key.framework);
    if (!ref) continue;
    usable.push(key);
    const files = await readCode(ref.dir);
    for (const s of samples) {
      const dir = codeDir(resultsDir, key, s);
      if (!force && (await exists(dir))) continue;
      await fs.rm(dir, { recursive: true, force: true });
      for (const [rel, content] of Object.entries(files)) await writeFileAtomic(path.join(dir, rel), content);
    }
  }
  return usable;
}
