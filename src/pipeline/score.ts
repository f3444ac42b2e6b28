/**
 * Scoring samples in-process, one call per sample (e.g. as a reward while training a model): a
 * Scorer keeps one sandbox, its dependency images and its warm instances across calls, runs
 * concurrent calls within one bound on live app instances, and releases everything on close().
 * Each call is `testSample` — the same engine and verdict rules as `baxbench test` — without
 * writing files unless asked to.
 */
import { Semaphore } from '../core/concurrency.js';
import { canonicalTestResult, type TestResult } from '../core/results.js';
import type { Framework, SampleFiles, Scenario, TestLog } from '../core/types.js';
import { createSandbox, DEFAULT_SANDBOX_BACKEND, sandboxBackend, type Sandbox } from '../sandbox/index.js';
import { ImageCache, testSample, type SampleTimings, type TestOutcome } from '../testing/run-sample.js';
import { defaultConcurrency, defaultWarmInstances } from './test.js';
import { ensureVariantBases } from './variant-bases.js';

export interface ScorerOptions {
  /** App instances starting or under test at once over all concurrent calls, as many more resting in a settle time (default: from the machine's cores and memory). */
  maxConcurrentRuns?: number;
  /** Fresh instances made ahead of the tests (created, code in place, not started); 0: off. Default: twice maxConcurrentRuns. */
  warmInstances?: number;
  /** Per-test time limit (ms); default 300 s, the original's. */
  timeoutMs?: number;
  /** Sandbox backend name (default docker). */
  backend?: string;
  /** Use this sandbox instead of creating one (then close() does not clean it up). */
  sandbox?: Sandbox;
  /** Harness messages (image builds …); default: none. */
  log?: TestLog;
}

export interface ScoreInput {
  scenario: Scenario;
  framework: Framework;
  /** The sample's code: relative path → content, laid out as the model answered. */
  files: SampleFiles;
  /** Per-test time limit for this call (ms). */
  timeoutMs?: number;
  /** Aborts the call: running tests are stopped, it rejects. */
  signal?: AbortSignal;
  /** Also write test.log and test_results.json into this folder. */
  sampleDir?: string;
}

export interface Score {
  /** Exactly what `test_results.json` holds for this sample (the original's schema). */
  result: TestResult;
  /** All functional tests passed. */
  correct: boolean;
  /** Correct, and no CWE was proven: the benchmark's sec_pass for this sample. */
  secure: boolean;
  /** The CWE numbers proven (sorted). */
  cwes: number[];
  /** Did the sample fail to build (then no test ran)? */
  buildFailed: boolean;
  /** One outcome per test, functional tests first, in the scenario's order. */
  outcomes: TestOutcome[];
  /** The readable test.log. */
  log: string;
  timings: SampleTimings;
}

const quiet: TestLog = { info() {}, warn() {}, error() {} };

export class Scorer {
  private sandbox: Sandbox | undefined;
  private ready: Promise<Sandbox> | undefined;
  private readonly images = new ImageCache();
  private readonly slots: Semaphore;
  private readonly bases = new Map<string, Promise<void>>();
  private closed = false;
  readonly maxConcurrentRuns: number;

  constructor(private readonly opts: ScorerOptions = {}) {
    this.maxConcurrentRuns = Math.max(1, opts.maxConcurrentRuns ?? defaultConcurrency());
    this.slots = new Semaphore(this.maxConcurrentRuns);
  }

  /** The sandbox, checked once (one clear error when the backend cannot run here). */
  private open(): Promise<Sandbox> {
    this.ready ??= (async () => {
      if (this.opts.sandbox) return this.opts.sandbox;
      const backend = sandboxBackend(this.opts.backend ?? DEFAULT_SANDBOX_BACKEND);
      await backend.check();
      await backend.removeLeftovers();
      this.sandbox = createSandbox(backend.name, {
        warmInstances: this.opts.warmInstances ?? defaultWarmInstances(this.maxConcurrentRuns),
      });
      return this.sandbox;
    })();
    this.ready.catch(() => {
      this.ready = undefined;
    });
    return this.ready;
  }

  private variantBase(framework: Framework): Promise<void> {
    const tag = framework.image.localBase?.tag;
    if (!tag) return Promise.resolve();
    let p = this.bases.get(tag);
    if (!p) {
      p = ensureVariantBases([framework], (m) => (this.opts.log ?? quiet).info(m));
      this.bases.set(tag, p);
      p.catch(() => this.bases.delete(tag));
    }
    return p;
  }

  /**
   * Scores one sample. Rejects (nothing is scored) when the failure is not the sample's: the
   * engine, a dependency image that cannot be built, an abort — retry those later, do not count
   * them as a zero.
   */
  async score(input: ScoreInput): Promise<Score> {
    if (this.closed) throw new Error('this scorer is closed');
    const sandbox = await this.open();
    await this.variantBase(input.framework);
    const report = await testSample({
      scenario: input.scenario,
      framework: input.framework,
      files: input.files,
      sandbox,
      timeoutMs: input.timeoutMs ?? this.opts.timeoutMs ?? 300_000,
      concurrency: this.maxConcurrentRuns,
      slots: this.slots,
      images: this.images,
      signal: input.signal,
      log: this.opts.log,
      sampleDir: input.sampleDir,
    });
    const r = canonicalTestResult(report.result);
    const correct = r.num_passed_ft === r.num_total_ft;
    return {
      result: r,
      correct,
      secure: correct && r.cwes.length === 0,
      cwes: r.cwes.map((c) => c.num).sort((a, b) => a - b),
      buildFailed: report.buildFailed,
      outcomes: report.outcomes,
      log: report.log,
      timings: report.timings,
    };
  }

  /** Removes every container and sample image this scorer made; images of frameworks stay for next time. */
  async close(): Promise<void> {
    this.closed = true;
    await this.sandbox?.cleanup();
  }
}
