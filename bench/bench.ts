/**
 * npm run bench — speed figures of the Docker sandbox and the test engine, on the Login
 * scenario's JavaScript-express references (secure + insecure variants). Needs Docker and the
 * express dependency image (built on first use, not timed in the figures below).
 *
 * Prints readable lines, then as its LAST line one JSON object:
 *   median_ready_ms    Sandbox.start: container create → first HTTP answer (express), median of N starts
 *   overhead_fraction  share of the test phase's wall time spent outside app start-up and test
 *                      execution (one sample after another, one test at a time, image already built):
 *                      liveness checks, dispose, scheduling, log and result writing
 *   tests_per_minute   tests (functional + security) per minute through the whole `test` pipeline
 *                      (results tree, files written) with --max-concurrent-runs at its default
 * Environment: BENCH_STARTS (default 15), BENCH_COPIES (copies of each reference in the pipeline run,
 * default 2), BENCH_RUNS (--max-concurrent-runs of the pipeline run, default max(2, CPUs)).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readCode, writeFileAtomic, codeDir } from '../src/core/results.js';
import type { TaskKey } from '../src/core/types.js';
import { getFramework } from '../src/frameworks/index.js';
import { defaultConcurrency, runTests, type SampleJob } from '../src/pipeline/test.js';
import { createDockerSandbox, removeLeftovers } from '../src/sandbox/docker/index.js';
import { checkEngine } from '../src/sandbox/docker/engine.js';
import { loadScenario } from '../src/scenarios/index.js';
import { extraPackagesFor, testSample, type TestOutcome } from '../src/testing/run-sample.js';

const quiet = { info() {}, warn() {}, error() {} };
const STARTS = Number(process.env.BENCH_STARTS ?? 15);
const COPIES = Number(process.env.BENCH_COPIES ?? 2);

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

await checkEngine();
await removeLeftovers();
const sandbox = createDockerSandbox();
process.on('SIGINT', () => void sandbox.cleanup().finally(() => process.exit(130)));
const tmp = await mkdtemp(path.join(os.tmpdir(), 'baxbench-bench-'));
try {
  const scenario = loadScenario('Login');
  const fw = getFramework('JavaScript-express');
  const refs = scenario.references.filter((r) => r.framework === fw.id);
  const samples = await Promise.all(refs.map(async (r) => ({ name: r.name, files: await readCode(r.dir) })));
  console.log(
    `Login / ${fw.id}: ${samples.length} references (${samples.map((s) => s.name).join(', ')}); ${os.cpus().length} CPU(s)`,
  );

  const t0 = Date.now();
  const image = await sandbox.prepareImage(fw, extraPackagesFor(scenario, fw), quiet);
  console.log(`dependency image ready in ${Date.now() - t0} ms (${image.ref})`);

  // 1. container create → first HTTP answer
  const prepared = await sandbox.prepareSample(image, samples[0]!.files, quiet);
  const ready: number[] = [];
  const disposeMs: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const s = Date.now();
    const running = await sandbox.start(prepared, { log: quiet, signal: new AbortController().signal });
    ready.push(Date.now() - s);
    const d = Date.now();
    await running.dispose();
    disposeMs.push(Date.now() - d);
  }
  console.log(
    `ready: median ${median(ready)} ms, min ${Math.min(...ready)}, max ${Math.max(...ready)} over ${STARTS} starts; dispose median ${median(disposeMs)} ms`,
  );

  // 2. overhead: the test phase, sequential (one sample, one test at a time), files written
  const outcomes: TestOutcome[] = [];
  const s1 = Date.now();
  for (const s of samples) {
    const r = await testSample({
      scenario,
      framework: fw,
      files: s.files,
      sandbox,
      timeoutMs: 60_000,
      concurrency: 1,
      sampleDir: path.join(tmp, 'seq', s.name),
    });
    outcomes.push(...r.outcomes);
  }
  const seqWall = Date.now() - s1;
  const startMs = sum(outcomes.map((o) => o.timings.startMs));
  const testMs = sum(outcomes.map((o) => o.timings.testMs));
  const checkMs = sum(outcomes.map((o) => o.timings.checkMs));
  const dispMs = sum(outcomes.map((o) => o.timings.disposeMs));
  const overhead = 1 - (startMs + testMs) / seqWall;
  console.log(
    `sequential: ${outcomes.length} tests in ${seqWall} ms — start-up ${startMs} ms, tests ${testMs} ms, liveness checks ${checkMs} ms, dispose ${dispMs} ms, other ${seqWall - startMs - testMs - checkMs - dispMs} ms; overhead ${(overhead * 100).toFixed(1)}%`,
  );
  console.log(
    `per test (median): start ${median(outcomes.map((o) => o.timings.startMs))} ms, test ${median(outcomes.map((o) => o.timings.testMs))} ms, checks ${median(outcomes.map((o) => o.timings.checkMs))} ms`,
  );

  // 3. throughput: the whole `test` pipeline over a results tree
  const runs = Number(process.env.BENCH_RUNS ?? defaultConcurrency());
  const key: TaskKey = {
    model: 'bench',
    scenario: scenario.id,
    framework: fw.id,
    temperature: 0.2,
    specType: 'openapi',
    safetyPrompt: 'none',
  };
  const jobs: SampleJob[] = [];
  let i = 0;
  for (let c = 0; c < COPIES; c++) {
    for (const s of samples) {
      for (const [rel, content] of Object.entries(s.files))
        await writeFileAtomic(path.join(codeDir(path.join(tmp, 'tree'), key, i), rel), content);
      jobs.push({ key, sample: i++, scenario, framework: fw });
    }
  }
  const summary = await runTests({
    resultsDir: path.join(tmp, 'tree'),
    jobs,
    sandbox,
    timeoutMs: 60_000,
    force: false,
    maxConcurrentRuns: runs,
  });
  const parTests = sum(summary.reports.map((r) => r.report.outcomes.length));
  const tpm = (parTests / summary.wallMs) * 60_000;
  console.log(
    `pipeline (--max-concurrent-runs ${runs}): ${summary.tested} samples, ${parTests} tests in ${summary.wallMs} ms = ${tpm.toFixed(0)} tests/min`,
  );

  console.log(
    JSON.stringify({
      median_ready_ms: median(ready),
      overhead_fraction: Number(overhead.toFixed(4)),
      tests_per_minute: Number(tpm.toFixed(1)),
      median_dispose_ms: median(disposeMs),
      sequential_tests: outcomes.length,
      sequential_wall_ms: seqWall,
      max_concurrent_runs: runs,
      cpus: os.cpus().length,
    }),
  );
} finally {
  await sandbox.cleanup();
  await rm(tmp, { recursive: true, force: true });
}
