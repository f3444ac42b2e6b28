/**
 * npm run bench:vs-original — the test phase of this harness and of the original Python harness
 * side by side, on the same samples and machine: the bundled JavaScript-express references (secure
 * and insecure variants) of the chosen scenarios, written once as a results tree; each harness
 * tests a fresh copy of it, whole process timed from outside; then the two trees are compared
 * sample by sample (as `baxbench compare`). Needs Docker and a checkout of the original with a
 * Python that runs it (3.12+, its test-phase dependencies importable).
 *
 *   npm run bench:vs-original -- --original DIR [--python PY] [--scenarios A B …] [--runs 2 default]
 *                                [--no-warmup] [--keep DIR]
 *
 * --original   the original's checkout (the folder holding src/main.py)
 * --python     its interpreter (default python3); PYTHONPATH and the rest of the environment pass through
 * --runs       concurrency settings, each run by both harnesses: a number (the original's
 *              --max_concurrent_runs, ours --max-concurrent-runs) or `default` (each its own default)
 * --no-warmup  skip the untimed first pass of each harness (it builds the images either needs)
 * --keep DIR   keep the trees there (default: a temporary folder, removed at the end)
 *
 * Each timed run: wall seconds, the machine's busy CPU seconds over the run (/proc/stat: every
 * process, the engine's included) and where they went — the harness (its whole process tree),
 * the engine (dockerd + containerd), inside containers (the engine's parent cgroup; the apps and
 * any build steps), the rest (shims, runc, the kernel) — and samples with a result. The original runs first in odd settings
 * and second in even ones. Prints readable lines, then as its LAST line one JSON object.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { codeDir, readCode, writeFileAtomic } from '../src/core/results.js';
import type { TaskKey } from '../src/core/types.js';
import { compareResults, readResultTree } from '../src/pipeline/compare.js';
import { loadScenario, SCENARIO_IDS } from '../src/scenarios/index.js';

const FRAMEWORK = 'JavaScript-express';
const MODEL = 'refs';

interface Args {
  original: string;
  python: string;
  scenarios: string[];
  runs: string[];
  warmup: boolean;
  keep?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { original: '', python: 'python3', scenarios: [...SCENARIO_IDS], runs: ['default'], warmup: true };
  let i = 0;
  /** the words after a flag, up to the next flag */
  const list = (): string[] => {
    const out: string[] = [];
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) out.push(argv[++i]!);
    return out;
  };
  for (; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--original') a.original = argv[++i] ?? '';
    else if (flag === '--python') a.python = argv[++i] ?? '';
    else if (flag === '--scenarios') a.scenarios = list();
    else if (flag === '--runs') a.runs = list();
    else if (flag === '--no-warmup') a.warmup = false;
    else if (flag === '--keep') a.keep = argv[++i];
    else throw new Error(`bench:vs-original: unknown argument ${flag}; see the head of bench/vs-original.ts`);
  }
  if (!a.original) throw new Error('bench:vs-original: give --original DIR (a checkout of the original harness)');
  for (const r of a.runs)
    if (r !== 'default' && !(Number.isInteger(Number(r)) && Number(r) > 0))
      throw new Error(`bench:vs-original: --runs takes positive integers or "default", not ${r}`);
  return a;
}

/** Busy and total jiffies of the whole machine (/proc/stat, first line). */
async function machineJiffies(): Promise<{ busy: number; total: number }> {
  const first = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = first;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

const HZ = 100;

/** utime + stime + cutime + cstime of a process (its own CPU and that of children it waited for), in jiffies. */
async function processJiffies(pid: number | 'self'): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after "pid (comm) ": state is f[0], utime f[11], stime f[12], cutime f[13], cstime f[14]
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i] ?? 0), 0);
}

/** The container engine's daemons (dockerd, containerd) on this machine, with the children they waited for. */
async function engineJiffies(): Promise<number> {
  let sum = 0;
  for (const pid of (await readdir('/proc')).filter((d) => /^\d+$/.test(d))) {
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
    if (comm === 'dockerd' || comm === 'containerd') sum += await processJiffies(Number(pid));
  }
  return sum;
}

/**
 * CPU seconds spent inside the engine's containers so far (the engine's parent cgroup, which keeps
 * the count of removed containers), or undefined where that cgroup is not found (systemd driver).
 */
async function containersCpuS(): Promise<number | undefined> {
  for (const [file, unit] of [
    ['/sys/fs/cgroup/cpuacct/docker/cpuacct.usage', 1e9],
    ['/sys/fs/cgroup/cpu,cpuacct/docker/cpuacct.usage', 1e9],
    ['/sys/fs/cgroup/docker/cpu.stat', 1e6],
  ] as const) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const n = file.endsWith('cpu.stat') ? Number(/usage_usec (\d+)/.exec(text)?.[1]) : Number(text.trim());
    if (Number.isFinite(n)) return n / unit;
  }
  return undefined;
}

/** Where the machine's busy CPU went during one run, in CPU seconds. */
interface CpuSplit {
  /** the harness's process and every process it waited for */
  harness: number;
  /** dockerd + containerd (with their waited-for helpers) */
  engine: number;
  /** inside containers: the apps, and build steps run in containers; undefined when not measurable */
  containers: number | undefined;
  /** the rest: container shims and runtimes, the kernel's own threads, anything else running */
  rest: number;
}

interface Timed {
  wallS: number;
  busyCpuS: number;
  split: CpuSplit;
  exitCode: number | null;
}

async function timed(cmd: string, args: string[], cwd: string, logFile: string): Promise<Timed> {
  const before = await machineJiffies();
  const [selfBefore, engineBefore, containersBefore] = [
    await processJiffies('self'),
    await engineJiffies(),
    await containersCpuS(),
  ];
  const t0 = performance.now();
  const log = createWriteStream(logFile);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  log.end();
  const wallS = (performance.now() - t0) / 1000;
  const after = await machineJiffies();
  const busyCpuS = (after.busy - before.busy) / HZ;
  // this process's cutime/cstime grew by the harness's CPU once it was waited for; its own
  // (utime/stime: reading /proc, piping the log) is small and counted with it
  const harness = ((await processJiffies('self')) - selfBefore) / HZ;
  const engine = ((await engineJiffies()) - engineBefore) / HZ;
  const containersAfter = await containersCpuS();
  const containers =
    containersAfter === undefined || containersBefore === undefined ? undefined : containersAfter - containersBefore;
  const rest = busyCpuS - harness - engine - (containers ?? 0);
  return { wallS, busyCpuS, split: { harness, engine, containers, rest }, exitCode };
}

const args = parseArgs(process.argv.slice(2));
const originalSrc = path.join(path.resolve(args.original), 'src');
const root = args.keep ? path.resolve(args.keep) : await mkdtemp(path.join(os.tmpdir(), 'baxbench-vs-original-'));
const cli = path.resolve('bin/baxbench.js');

// The samples: every express reference of the chosen scenarios, numbered per scenario.
const base = path.join(root, 'base');
await rm(base, { recursive: true, force: true });
let samples = 0;
let nSamples = 0;
for (const id of args.scenarios) {
  const refs = loadScenario(id).references.filter((r) => r.framework === FRAMEWORK);
  nSamples = Math.max(nSamples, refs.length);
  for (const [i, ref] of refs.entries()) {
    const key: TaskKey = {
      model: MODEL,
      scenario: id,
      framework: FRAMEWORK,
      temperature: 0.2,
      specType: 'openapi',
      safetyPrompt: 'none',
    };
    for (const [rel, content] of Object.entries(await readCode(ref.dir)))
      await writeFileAtomic(path.join(codeDir(base, key, i), rel), content);
    samples++;
  }
}
console.log(
  `${samples} samples (${FRAMEWORK} references of ${args.scenarios.length} scenarios); machine ${os.cpus().length} CPU(s), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
);

type Harness = 'original' | 'ours';
function command(h: Harness, dir: string, runs: string): { cmd: string; args: string[]; cwd: string } {
  if (h === 'original')
    return {
      cmd: args.python,
      cwd: originalSrc,
      args: [
        'main.py',
        '--mode',
        'test',
        '--models',
        MODEL,
        '--envs',
        FRAMEWORK,
        '--n_samples',
        String(nSamples),
        '--results_dir',
        dir,
        '--scenarios',
        ...args.scenarios,
        ...(runs === 'default' ? [] : ['--max_concurrent_runs', runs]),
      ],
    };
  return {
    cmd: process.execPath,
    cwd: process.cwd(),
    args: [
      cli,
      'test',
      '--models',
      MODEL,
      '--envs',
      FRAMEWORK,
      '--n-samples',
      String(nSamples),
      '--results-dir',
      dir,
      '--scenarios',
      ...args.scenarios,
      ...(runs === 'default' ? [] : ['--max-concurrent-runs', runs]),
    ],
  };
}

async function runOnce(h: Harness, label: string, runs: string): Promise<Timed & { dir: string; results: number }> {
  const dir = path.join(root, label);
  await rm(dir, { recursive: true, force: true });
  await cp(base, dir, { recursive: true });
  const c = command(h, dir, runs);
  const t = await timed(c.cmd, c.args, c.cwd, `${dir}.log`);
  const results = (await readResultTree(dir)).results.size;
  return { ...t, dir, results };
}

function splitText(s: CpuSplit): string {
  const c = s.containers === undefined ? 'containers n/a' : `containers ${s.containers.toFixed(0)}`;
  return `harness ${s.harness.toFixed(0)}, engine ${s.engine.toFixed(0)}, ${c}, rest ${s.rest.toFixed(0)}`;
}

function roundSplit(s: CpuSplit): Record<string, number | null> {
  const r = (n: number | undefined): number | null => (n === undefined ? null : Number(n.toFixed(0)));
  return { harness: r(s.harness), engine: r(s.engine), containers: r(s.containers), rest: r(s.rest) };
}

const figures: Record<string, unknown> = { samples, scenarios: args.scenarios, framework: FRAMEWORK };
try {
  if (args.warmup)
    for (const h of ['original', 'ours'] as const) {
      const w = await runOnce(h, `warmup-${h}`, 'default');
      console.log(`warm-up ${h} (untimed figure): ${w.wallS.toFixed(1)} s, exit ${w.exitCode}, ${w.results} results`);
    }
  for (const [n, runs] of args.runs.entries()) {
    const order: Harness[] = n % 2 === 0 ? ['original', 'ours'] : ['ours', 'original'];
    const got: Partial<Record<Harness, Awaited<ReturnType<typeof runOnce>>>> = {};
    for (const h of order) {
      const r = await runOnce(h, `${h}-${runs}`, runs);
      got[h] = r;
      console.log(
        `${h}, concurrency ${runs}: ${r.wallS.toFixed(1)} s wall, ${r.busyCpuS.toFixed(0)} CPU-s busy (machine: ${splitText(r.split)}), exit ${r.exitCode}, ${r.results}/${samples} samples with a result`,
      );
    }
    const o = got.original!;
    const u = got.ours!;
    const cmp = compareResults(await readResultTree(u.dir), await readResultTree(o.dir));
    const speedup = o.wallS / u.wallS;
    console.log(
      `concurrency ${runs}: ours ${speedup.toFixed(2)}× faster (wall), ${(o.busyCpuS / u.busyCpuS).toFixed(2)}× less machine CPU; results equal on ${cmp.agree}/${cmp.compared} samples, verdicts (correct, secure) on ${cmp.verdictAgree}/${cmp.compared}`,
    );
    for (const d of cmp.differing)
      console.log(
        `  differs: ${d.id.scenario} sample${d.id.sample} — ${d.fields.join(', ')}; CWEs only ours [${d.cwesOnlyInA.join(' ')}], only the original's [${d.cwesOnlyInB.join(' ')}]${d.verdictDiffers ? '; verdict differs' : ''}`,
      );
    figures[`concurrency_${runs}`] = {
      original_wall_s: Number(o.wallS.toFixed(1)),
      ours_wall_s: Number(u.wallS.toFixed(1)),
      speedup: Number(speedup.toFixed(2)),
      original_busy_cpu_s: Number(o.busyCpuS.toFixed(0)),
      ours_busy_cpu_s: Number(u.busyCpuS.toFixed(0)),
      original_cpu_split_s: roundSplit(o.split),
      ours_cpu_split_s: roundSplit(u.split),
      original_results: o.results,
      ours_results: u.results,
      compared: cmp.compared,
      agree: cmp.agree,
      verdict_agree: cmp.verdictAgree,
    };
  }
} finally {
  if (!args.keep) await rm(root, { recursive: true, force: true });
}
console.log(JSON.stringify(figures));
