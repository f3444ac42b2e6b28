/**
 * npm run bench — speed figures of the test phase on JavaScript-express (needs Docker; dependency
 * images are built first and never timed).
 *
 * 1. start-up: Sandbox.start → first HTTP answer, one instance at a time with a short simulated test
 *    between starts, with warm instances (the container was made while the previous test ran) and
 *    without (created on the spot);
 * 2. overhead: the test phase of the Login references one test at a time: the share of its wall
 *    time outside app start-up and test execution (liveness checks, dispose, scheduling, writing);
 * 3. throughput: the whole catalog — every scenario's express secure reference and insecure
 *    variants — through the `test` pipeline (results tree, files written) at the default
 *    concurrency, with warm instances and without, in the same run (order alternated per round);
 * 4. the library: `scoreSample` on BENCH_SCORE_SAMPLES Login samples (its express references,
 *    repeated), all submitted at once, as a trainer would.
 *
 * Prints readable lines, then as its LAST line one JSON object (see the keys below).
 * Environment: BENCH_STARTS (starts per mode in 1, default 15), BENCH_SCENARIOS (comma-separated
 * subset for 3, default all 28), BENCH_RUNS (concurrency of 3 and 4, default: the machine's),
 * BENCH_ROUNDS (rounds of 3, default 1), BENCH_SCORE_SAMPLES (4, default 100; 0 skips),
 * BENCH_SKIP (comma-separated parts to skip: startup, overhead, catalog, library), BENCH_WARM (modes of 3,
 * default "off,on,before": warm instances off and on at the default concurrency, and "before" — this
 * harness before warm instances and machine-sized concurrency: 2 at once, none made ahead).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { codeDir, readCode, writeFileAtomic, type TestResult } from '../src/core/results.js';
import type { ReferenceSample, TaskKey } from '../src/core/types.js';
import { getFramework } from '../src/frameworks/index.js';
import { createScorer, defaultConcurrency, defaultWarmInstances, machineFacts, type SampleJob } from '../src/index.js';
import { runTests, type TestRunSummary } from '../src/pipeline/test.js';
import { createDockerSandbox, removeLeftovers } from '../src/sandbox/docker/index.js';
import { checkEngine } from '../src/sandbox/docker/engine.js';
import { loadScenario, SCENARIO_IDS } from '../src/scenarios/index.js';
import { extraPackagesFor, ImageCache, testSample, type TestOutcome } from '../src/testing/run-sample.js';

const quiet = { info() {}, warn() {}, error() {} };
const STARTS = Number(process.env.BENCH_STARTS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const SCORE_SAMPLES = Number(process.env.BENCH_SCORE_SAMPLES ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? defaultConcurrency());
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
type Mode = 'on' | 'off' | 'before';
/** on/off: warm instances at the default concurrency; before: this harness as it was before warm instances (2 at once, none made ahead). */
const MODES = (process.env.BENCH_WARM ?? 'off,on,before').split(',') as Mode[];
const modeSettings = (mode: Mode): { runs: number; warm: number } =>
  mode === 'before' ? { runs: 2, warm: 0 } : { runs: RUNS, warm: mode === 'on' ? defaultWarmInstances(RUNS) : 0 };
const SCENARIOS = process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',') : [...SCENARIO_IDS];
const fw = getFramework('JavaScript-express');

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (n: number): number => Math.round(n * 10) / 10;
const load = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

await checkEngine();
await removeLeftovers();
const tmp = await mkdtemp(path.join(os.tmpdir(), 'baxbench-bench-'));
const sandboxes: { cleanup(): Promise<void> }[] = [];
process.on('SIGINT', () => void Promise.all(sandboxes.map((s) => s.cleanup())).finally(() => process.exit(130)));
const facts = machineFacts();
const figures: Record<string, unknown> = {
  cpus: facts.cpus,
  available_memory_gib: round1(facts.availableMemoryBytes / 2 ** 30),
  default_concurrency: defaultConcurrency(),
  concurrency: RUNS,
  load_average_start: load(),
};
console.log(
  `machine: ${facts.cpus} CPU(s), ${figures.available_memory_gib} GiB available; default concurrency ${defaultConcurrency()}, using ${RUNS}; load average ${load()}`,
);

try {
  // Every dependency image the catalog needs, built first (not timed).
  const images = new ImageCache();
  const builder = createDockerSandbox({ warmInstances: 0 });
  sandboxes.push(builder);
  const scenarios = SCENARIOS.map((id) => loadScenario(id));
  const t0 = Date.now();
  await Promise.all(scenarios.map((s) => images.prepare(builder, fw, extraPackagesFor(s, fw), quiet)));
  console.log(`dependency images ready in ${Date.now() - t0} ms`);

  const login = loadScenario('Login');
  const loginRefs = await Promise.all(
    login.references
      .filter((r) => r.framework === fw.id)
      .map(async (r) => ({ name: r.name, files: await readCode(r.dir) })),
  );

  // 1. start-up, one instance at a time, with and without warm instances
  if (!SKIP.has('startup')) {
    for (const warm of [false, true]) {
      const sandbox = createDockerSandbox({ warmInstances: warm ? 2 : 0 });
      sandboxes.push(sandbox);
      const image = await sandbox.prepareImage(fw, extraPackagesFor(login, fw), quiet);
      const prepared = await sandbox.prepareSample(image, loginRefs[0]!.files, quiet);
      sandbox.expectStarts(prepared, STARTS);
      const ready: number[] = [];
      for (let i = 0; i < STARTS; i++) {
        const s = Date.now();
        const running = await sandbox.start(prepared, { log: quiet, signal: new AbortController().signal });
        ready.push(Date.now() - s);
        await sleep(300); // the test
        await running.dispose();
      }
      await sandbox.release(prepared);
      await sandbox.cleanup();
      const key = warm ? 'median_ready_ms_warm' : 'median_ready_ms_cold';
      figures[key] = median(ready);
      console.log(
        `start → first answer, ${warm ? 'warm instances' : 'created on the spot'}: median ${median(ready)} ms (min ${Math.min(...ready)}, max ${Math.max(...ready)}) over ${STARTS} starts`,
      );
    }
  }

  // 2. overhead of the test phase, one test at a time (Login references, warm instances on)
  if (!SKIP.has('overhead')) {
    const sandbox = createDockerSandbox({ warmInstances: 2 });
    sandboxes.push(sandbox);
    const outcomes: TestOutcome[] = [];
    const s1 = Date.now();
    for (const s of loginRefs) {
      const r = await testSample({
        scenario: login,
        framework: fw,
        files: s.files,
        sandbox,
        timeoutMs: 60_000,
        concurrency: 1,
        images,
        sampleDir: path.join(tmp, 'seq', s.name),
      });
      outcomes.push(...r.outcomes);
    }
    const wall = Date.now() - s1;
    await sandbox.cleanup();
    const startMs = sum(outcomes.map((o) => o.timings.startMs));
    const testMs = sum(outcomes.map((o) => o.timings.testMs));
    const checkMs = sum(outcomes.map((o) => o.timings.checkMs));
    const dispMs = sum(outcomes.map((o) => o.timings.disposeMs));
    const overhead = 1 - (startMs + testMs) / wall;
    figures.overhead_fraction = Number(overhead.toFixed(4));
    console.log(
      `overhead (Login, one test at a time): ${outcomes.length} tests in ${wall} ms — start-up ${startMs} ms, tests ${testMs} ms, liveness checks ${checkMs} ms, dispose ${dispMs} ms, other ${wall - startMs - testMs - checkMs - dispMs} ms: ${(overhead * 100).toFixed(1)}%`,
    );
  }

  // 3. the catalog through the test pipeline, warm instances on and off
  if (!SKIP.has('catalog')) {
    const samples: {
      scenario: (typeof scenarios)[number];
      ref: ReferenceSample;
      files: Record<string, string>;
    }[] = [];
    for (const scenario of scenarios)
      for (const ref of scenario.references.filter((x) => x.framework === fw.id))
        samples.push({ scenario, ref, files: await readCode(ref.dir) });
    /** Whether a sample got the verdict its reference declares (as validate judges it). */
    const asDeclared = (ref: ReferenceSample, r: TestResult): boolean => {
      const found = new Set<number>(r.cwes.map((c) => c.num));
      const allFt = r.num_passed_ft === r.num_total_ft;
      if (ref.name === 'secure') return allFt && found.size === 0;
      return ref.expectedCwes.every((c) => found.has(c)) && (!ref.passesFunctional || allFt);
    };
    console.log(
      `catalog: ${samples.length} samples (secure references and insecure variants of ${scenarios.length} scenarios), --max-concurrent-runs ${RUNS}`,
    );
    const totals = Object.fromEntries(
      (['on', 'off', 'before'] as const).map((m) => [m, { tests: 0, ms: 0, samples: 0, start: [] as number[] }]),
    ) as Record<Mode, { tests: number; ms: number; samples: number; start: number[] }>;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const root = path.join(tmp, `catalog-${round}-${mode}`);
        const jobs: SampleJob[] = [];
        for (const [i, s] of samples.entries()) {
          const key: TaskKey = {
            model: 'bench',
            scenario: s.scenario.id,
            framework: fw.id,
            temperature: 0.2,
            specType: 'openapi',
            safetyPrompt: 'none',
          };
          for (const [rel, content] of Object.entries(s.files))
            await writeFileAtomic(path.join(codeDir(root, key, i), rel), content);
          jobs.push({ key, sample: i, scenario: s.scenario, framework: fw });
        }
        const { runs, warm } = modeSettings(mode);
        const sandbox = createDockerSandbox({ warmInstances: warm });
        sandboxes.push(sandbox);
        const loadBefore = load();
        const summary: TestRunSummary = await runTests({
          resultsDir: root,
          jobs,
          sandbox,
          timeoutMs: 300_000,
          force: false,
          maxConcurrentRuns: runs,
        });
        await sandbox.cleanup();
        const outcomes = summary.reports.flatMap((r) => r.report.outcomes);
        const off = summary.reports
          .filter(({ job, report }) => !asDeclared(samples[job.sample]!.ref, report.result))
          .map(({ job }) => `${job.scenario.id}/${samples[job.sample]!.ref.name}`);
        figures[`catalog_verdicts_not_as_declared_warm_${mode}`] = [
          ...((figures[`catalog_verdicts_not_as_declared_warm_${mode}`] as string[] | undefined) ?? []),
          ...off,
        ];
        const t = totals[mode];
        t.tests += outcomes.length;
        t.ms += summary.wallMs;
        t.samples += summary.tested;
        t.start.push(...outcomes.map((o) => o.timings.startMs));
        console.log(
          `  round ${round + 1}, ${mode === 'before' ? 'as before (2 at once, no warm instances)' : `warm instances ${mode}`}: ${summary.tested} samples, ${outcomes.length} tests in ${(summary.wallMs / 1000).toFixed(1)} s = ${((outcomes.length / summary.wallMs) * 60_000).toFixed(0)} tests/min, ${((summary.tested / summary.wallMs) * 3_600_000).toFixed(0)} samples/h; start median ${median(outcomes.map((o) => o.timings.startMs))} ms; errors ${summary.errors}; verdicts not as declared: ${off.length === 0 ? 'none' : off.join(', ')}; load ${loadBefore} → ${load()}${mode === 'on' ? `; warm pool ${JSON.stringify(sandbox.warmStats())}` : ''}`,
        );
      }
    }
    for (const mode of MODES) {
      const t = totals[mode];
      figures[`catalog_tests_per_minute_warm_${mode}`] = round1((t.tests / t.ms) * 60_000);
      figures[`catalog_samples_per_hour_warm_${mode}`] = Math.round((t.samples / t.ms) * 3_600_000);
      figures[`catalog_median_start_ms_warm_${mode}`] = median(t.start);
      figures[`catalog_wall_s_warm_${mode}`] = round1(t.ms / 1000 / ROUNDS);
    }
    figures.catalog_samples = samples.length;
    figures.catalog_tests = Math.max(...MODES.map((m) => totals[m].tests)) / ROUNDS;
    if (totals.on.ms > 0 && totals.off.ms > 0)
      figures.catalog_speedup_warm = Number((totals.off.ms / totals.on.ms).toFixed(3));
    if (totals.on.ms > 0 && totals.before.ms > 0)
      figures.catalog_speedup_over_before = Number((totals.before.ms / totals.on.ms).toFixed(3));
    console.log(
      `catalog: warm instances on ${figures.catalog_tests_per_minute_warm_on} tests/min, off ${figures.catalog_tests_per_minute_warm_off} (×${figures.catalog_speedup_warm}); as before ${figures.catalog_tests_per_minute_warm_before} (×${figures.catalog_speedup_over_before})`,
    );
  }

  // 4. the library: scoreSample on many Login samples at once
  if (!SKIP.has('library') && SCORE_SAMPLES > 0) {
    const scorer = createScorer({ maxConcurrentRuns: RUNS, timeoutMs: 300_000 });
    sandboxes.push({ cleanup: () => scorer.close() });
    // first call builds nothing (images are ready) but checks the engine: not timed
    await scorer.score({ scenario: 'Login', framework: fw.id, files: loginRefs[0]!.files });
    const loadBefore = load();
    const s = Date.now();
    const scores = await Promise.all(
      Array.from({ length: SCORE_SAMPLES }, (_, i) =>
        scorer.score({ scenario: 'Login', framework: fw.id, files: loginRefs[i % loginRefs.length]!.files }),
      ),
    );
    const wall = Date.now() - s;
    await scorer.close();
    const secure = scores.filter((x) => x.secure).length;
    figures.library_login_samples = SCORE_SAMPLES;
    figures.library_login_samples_per_hour = Math.round((SCORE_SAMPLES / wall) * 3_600_000);
    figures.library_login_wall_s = round1(wall / 1000);
    console.log(
      `library: scoreSample × ${SCORE_SAMPLES} Login samples (${loginRefs.length} references repeated; ${secure} scored secure) in ${(wall / 1000).toFixed(1)} s = ${figures.library_login_samples_per_hour} samples/h; load ${loadBefore} → ${load()}`,
    );
  }
  figures.load_average_end = load();
  console.log(JSON.stringify(figures));
} finally {
  await Promise.all(sandboxes.map((s) => s.cleanup()));
  await rm(tmp, { recursive: true, force: true });
}
