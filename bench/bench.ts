/**
 * npm run bench — speed figures of the Docker sandbox and test engine (Login, JavaScript-express).
 * Prints readable lines, then as its LAST line one JSON object:
 *   median_ready_ms    container create → first HTTP answer (express), median of N starts
 *   overhead_fraction  share of the test phase's wall time spent outside app start-up and test
 *                      execution (sequential run, image already built)
 *   tests_per_minute   tests (functional + security) per minute with --max-concurrent-runs 2
 */
import { readCode } from '../src/core/results.js';
import { getFramework } from '../src/frameworks/index.js';
import { mapLimit } from '../src/pipeline/concurrency.js';
import { createDockerSandbox, removeLeftovers } from '../src/sandbox/docker/index.js';
import { checkEngine } from '../src/sandbox/docker/engine.js';
import { loadScenario } from '../src/scenarios/index.js';
import { extraPackagesFor, testSample } from '../src/testing/run-sample.js';

const quiet = { info() {}, warn() {}, error() {} };
const STARTS = Number(process.env.BENCH_STARTS ?? 15);

await checkEngine();
await removeLeftovers();
const sandbox = createDockerSandbox();
process.on('SIGINT', () => void sandbox.cleanup().finally(() => process.exit(130)));
try {
  const scenario = await loadScenario('Login');
  const fw = getFramework('JavaScript-express');
  const refs = scenario.references.filter((r) => r.framework === fw.id);
  const samples = await Promise.all(refs.map(async (r) => ({ name: r.name, files: await readCode(r.dir) })));

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
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  console.log(`ready: median ${median(ready)} ms, min ${Math.min(...ready)}, max ${Math.max(...ready)} over ${STARTS} starts; dispose median ${median(disposeMs)} ms`);

  // 2. overhead: sequential test phase over all Login express references
  const s1 = Date.now();
  let inside = 0;
  let tests = 0;
  for (const s of samples) {
    const r = await testSample({ scenario, framework: fw, files: s.files, sandbox, timeoutMs: 60_000 });
    for (const o of r.outcomes) {
      inside += o.timings.startMs + o.timings.testMs;
      tests++;
    }
  }
  const seqWall = Date.now() - s1;
  const overhead = 1 - inside / seqWall;
  console.log(`sequential: ${tests} tests in ${seqWall} ms; start-up + execution ${inside} ms; overhead ${(overhead * 100).toFixed(1)}%`);

  // 3. throughput with two samples at a time
  const s2 = Date.now();
  const reports = await mapLimit(samples, 2, (s) => testSample({ scenario, framework: fw, files: s.files, sandbox, timeoutMs: 60_000 }));
  const parWall = Date.now() - s2;
  const parTests = reports.reduce((n, r) => n + r.outcomes.length, 0);
  const tpm = (parTests / parWall) * 60_000;
  console.log(`concurrent (2): ${parTests} tests in ${parWall} ms = ${tpm.toFixed(0)} tests/min`);

  console.log(
    JSON.stringify({
      median_ready_ms: median(ready),
      overhead_fraction: Number(overhead.toFixed(4)),
      tests_per_minute: Number(tpm.toFixed(1)),
      median_dispose_ms: median(disposeMs),
      sequential_tests: tests,
      sequential_wall_ms: seqWall,
    }),
  );
} finally {
  await sandbox.cleanup();
}
