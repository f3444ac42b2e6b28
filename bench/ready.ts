/**
 * Start-up figures of one framework: the median time from container create to the app's first
 * HTTP answer (Sandbox.start), over N starts of the Login scenario's secure reference, plus the
 * time to prepare that sample (per-sample build: compile, bundle, migrations …). The dependency
 * image is built first when missing (not timed in the figures).
 *
 *   node bin/run-ts.js bench/ready.ts <framework id> [variant] [starts]
 *   e.g. node bin/run-ts.js bench/ready.ts Rust-Actix debian 15
 *
 * Last line: one JSON object {framework, variant, prepare_ms, median_ready_ms, ready_ms: [...]}.
 */
import { readCode } from '../src/core/results.js';
import { getFramework } from '../src/frameworks/index.js';
import { applyFrameworkVariant, isFrameworkVariantName } from '../src/frameworks/variants.js';
import { createDockerSandbox, removeLeftovers } from '../src/sandbox/docker/index.js';
import { checkEngine } from '../src/sandbox/docker/engine.js';
import { loadScenario } from '../src/scenarios/index.js';
import { extraPackagesFor } from '../src/testing/run-sample.js';

const [id, variantArg, startsArg] = process.argv.slice(2);
if (!id) {
  console.error('usage: bench/ready.ts <framework id> [variant] [starts]');
  process.exit(2);
}
const variant = variantArg && variantArg !== '-' ? variantArg : undefined;
if (variant && !isFrameworkVariantName(variant)) {
  console.error(`unknown framework variant ${variant}`);
  process.exit(2);
}
const starts = Number(startsArg ?? 15);
const quiet = { info() {}, warn() {}, error() {} };
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

await checkEngine();
await removeLeftovers();
const sandbox = createDockerSandbox();
process.on('SIGINT', () => void sandbox.cleanup().finally(() => process.exit(130)));
try {
  const fw = applyFrameworkVariant(getFramework(id), variant as Parameters<typeof applyFrameworkVariant>[1]);
  const scenario = await loadScenario('Login');
  const ref = scenario.references.find((r) => r.framework === fw.id && r.name === 'secure');
  if (!ref) throw new Error(`Login has no secure reference for ${fw.id}`);
  const image = await sandbox.prepareImage(fw, extraPackagesFor(scenario, fw), quiet);
  const t0 = Date.now();
  const prepared = await sandbox.prepareSample(image, await readCode(ref.dir), quiet);
  const prepareMs = Date.now() - t0;
  console.log(`${fw.id}${variant ? ` [variant ${variant}]` : ''}: sample prepared in ${prepareMs} ms`);
  const ready: number[] = [];
  for (let i = 0; i < starts; i++) {
    const ac = new AbortController();
    const s = Date.now();
    const run = await sandbox.start(prepared, { log: quiet, signal: ac.signal });
    ready.push(Date.now() - s);
    await run.dispose();
  }
  console.log(`create → first answer: median ${median(ready)} ms over ${starts} starts (${ready.join(', ')})`);
  console.log(
    JSON.stringify({
      framework: fw.id,
      variant: variant ?? null,
      prepare_ms: prepareMs,
      median_ready_ms: median(ready),
      ready_ms: ready,
    }),
  );
} finally {
  await sandbox.cleanup();
}
