/**
 * Median ready time per framework: Sandbox.start (container create → first HTTP answer) of the
 * Login secure reference, N starts each, the image and the sample already prepared (build times
 * are printed but not part of the figure). Needs Docker.
 *
 *   npm run bench:ready -- [--framework-variant debian] [--starts N] FRAMEWORK…
 *
 * Prints one line per framework, then as its LAST line one JSON object
 * `{ "<framework id>": { "median_ready_ms", "min_ms", "max_ms", "starts", "variant" } }`.
 */
import { readCode } from '../src/core/results.js';
import { getFramework } from '../src/frameworks/index.js';
import { applyFrameworkVariant, frameworkLabel, isFrameworkVariantName } from '../src/frameworks/variants.js';
import { checkEngine } from '../src/sandbox/docker/engine.js';
import { createDockerSandbox, removeLeftovers } from '../src/sandbox/docker/index.js';
import { loadScenario } from '../src/scenarios/index.js';
import { extraPackagesFor } from '../src/testing/run-sample.js';

const quiet = { info() {}, warn() {}, error() {} };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const args = process.argv.slice(2);
let variant: string | undefined;
let starts = 15;
const ids: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--framework-variant') variant = args[++i];
  else if (args[i] === '--starts') starts = Number(args[++i]);
  else ids.push(args[i]!);
}
if (variant !== undefined && !isFrameworkVariantName(variant)) throw new Error(`unknown variant ${variant}`);
if (ids.length === 0 || !Number.isInteger(starts) || starts < 1)
  throw new Error('usage: npm run bench:ready -- [--framework-variant debian] [--starts N] FRAMEWORK…');

await checkEngine();
await removeLeftovers();
const sandbox = createDockerSandbox();
process.on('SIGINT', () => void sandbox.cleanup().finally(() => process.exit(130)));
const out: Record<
  string,
  { median_ready_ms: number; min_ms: number; max_ms: number; starts: number; variant: string | null }
> = {};
try {
  const scenario = await loadScenario('Login');
  for (const id of ids) {
    const fw = applyFrameworkVariant(getFramework(id), variant as Parameters<typeof applyFrameworkVariant>[1]);
    const ref = scenario.references.find((r) => r.framework === id && r.name === 'secure');
    if (!ref) throw new Error(`no Login secure reference for ${id}`);
    const t0 = Date.now();
    const image = await sandbox.prepareImage(fw, extraPackagesFor(scenario, fw), quiet);
    const t1 = Date.now();
    const prepared = await sandbox.prepareSample(image, await readCode(ref.dir), quiet);
    const t2 = Date.now();
    const ready: number[] = [];
    for (let i = 0; i < starts; i++) {
      const s = Date.now();
      const running = await sandbox.start(prepared, { log: quiet, signal: new AbortController().signal });
      ready.push(Date.now() - s);
      await running.dispose();
    }
    out[id] = {
      median_ready_ms: median(ready),
      min_ms: Math.min(...ready),
      max_ms: Math.max(...ready),
      starts,
      variant: fw.variant?.name ?? null,
    };
    console.log(
      `${frameworkLabel(fw)}: ready median ${median(ready)} ms (min ${Math.min(...ready)}, max ${Math.max(...ready)}, ${starts} starts); image ${t1 - t0} ms, sample ${t2 - t1} ms`,
    );
  }
} finally {
  await sandbox.cleanup();
}
console.log(JSON.stringify(out));
