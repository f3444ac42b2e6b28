/**
 * Writes the HTML report of a results tree into a folder (see model.ts for its layout).
 *
 * The figures are evaluate()'s, computed once by pipeline/evaluate.ts and stored as they are
 * (the page only formats them); per-sample detail (code, test.log sections, the prompt) is read
 * beside them and written one file per task, so the page opens with a small index and loads a
 * task's samples only when they are looked at.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CWE, CWE_NUMBERS } from '../../core/cwe.js';
import {
  MalformedResultError,
  codeDir,
  esc,
  readTestResult,
  sampleDir,
  testResultsPath,
  type TestResult,
} from '../../core/results.js';
import type { TaskKey } from '../../core/types.js';
import { getFramework } from '../../frameworks/index.js';
import { FAILED_MARKER, RAW_ANSWER_FILE } from '../../generation/layout.js';
import { buildPrompt } from '../../generation/prompt.js';
import { readTaskUsage, readUsage, usageFile } from '../../generation/usage.js';
import { evaluate, type EvaluateOptions } from '../../pipeline/evaluate.js';
import { isScenarioId, loadScenario } from '../../scenarios/index.js';
import { buildAssets } from './assets.js';
import { REPORT_MARK } from './mark.js';
import {
  REPORT_FORMAT_VERSION,
  type CodeFile,
  type PromptData,
  type ReportIndex,
  type SampleBrief,
  type SampleData,
  type ScenarioInfo,
  type TaskData,
  type TaskEntry,
} from './model.js';
import { parseTestLog } from './testlog.js';

export interface HtmlReportOptions extends EvaluateOptions {
  outDir: string;
  /** the evaluate command line that prints the same figures (shown in the report) */
  evaluateCommand: string;
  version: string;
}

export interface HtmlReportOutcome {
  index: ReportIndex;
  /** files written and their total size in bytes */
  files: number;
  bytes: number;
  warnings: string[];
}

/** Caps that keep one odd sample from bloating the report (the rest is cut from the middle). */
export const LIMITS = {
  fileBytes: 256 * 1024,
  filesPerSample: 100,
  logBytes: 1024 * 1024,
  rawAnswerBytes: 128 * 1024,
};

async function readCapped(file: string, cap: number): Promise<{ text: string; cut: number } | undefined> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const size = (await fh.stat()).size;
    if (size <= cap) return { text: (await fh.readFile()).toString('utf8'), cut: 0 };
    const half = Math.floor(cap / 2);
    const head = Buffer.alloc(half);
    const tail = Buffer.alloc(half);
    await fh.read(head, 0, half, 0);
    await fh.read(tail, 0, half, size - half);
    const cut = size - 2 * half;
    return { text: `${head.toString('utf8')}\n… ${cut} bytes cut by the report …\n${tail.toString('utf8')}`, cut };
  } finally {
    await fh.close();
  }
}

async function readCodeFiles(dir: string): Promise<CodeFile[]> {
  const out: CodeFile[] = [];
  async function walk(d: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      if (out.length >= LIMITS.filesPerSample) return;
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) await walk(p);
      else if (ent.isFile()) {
        const r = await readCapped(p, LIMITS.fileBytes);
        if (!r) continue;
        const rel = path.relative(dir, p).split(path.sep).join('/');
        out.push(r.cut > 0 ? { path: rel, text: r.text, cut: r.cut } : { path: rel, text: r.text });
      }
    }
  }
  await walk(dir);
  return out;
}

/** Reads one sample: its state, result, code, log and usage record. */
async function readSample(
  resultsDir: string,
  key: TaskKey,
  i: number,
  usage: Awaited<ReturnType<typeof readTaskUsage>>,
): Promise<SampleData> {
  let result: TestResult | undefined;
  let error: string | undefined;
  try {
    result = await readTestResult(testResultsPath(resultsDir, key, i));
  } catch (e) {
    if (!(e instanceof MalformedResultError)) throw e;
    error = e.message;
  }
  const files = await readCodeFiles(codeDir(resultsDir, key, i));
  const genFailed = files.length === 1 && files[0]!.path === FAILED_MARKER;
  const log = await readCapped(path.join(sampleDir(resultsDir, key, i), 'test.log'), LIMITS.logBytes);
  const st: SampleData['st'] = result
    ? 'tested'
    : error
      ? 'malformed'
      : genFailed
        ? 'gen-failed'
        : files.length > 0
          ? 'untested'
          : 'missing';
  const data: SampleData = { i, st, files };
  if (result) data.result = result;
  if (error) data.error = error;
  if (genFailed) {
    const raw = await readCapped(path.join(sampleDir(resultsDir, key, i), RAW_ANSWER_FILE), LIMITS.rawAnswerBytes);
    if (raw) data.raw_answer = raw.text;
  }
  const u = usage?.samples[String(i)];
  if (u) data.usage = u;
  if (log) data.log = parseTestLog(log.text);
  return data;
}

function brief(s: SampleData): SampleBrief {
  const b: SampleBrief = { i: s.i, st: s.st };
  if (s.result) {
    b.ft = [s.result.num_passed_ft, s.result.num_total_ft];
    if (s.result.cwes.length > 0) b.cw = s.result.cwes.map((c) => c.num);
    const ex = s.result.num_ft_exceptions + s.result.num_st_exceptions;
    if (ex > 0) b.ex = ex;
  }
  return b;
}

/** A file name for a prompt (scenario × framework); ids are made safe for a path. */
function promptId(scenario: string, framework: string): string {
  return `${esc(scenario)}__${esc(framework)}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** `window.__bax.<fn>(args…);` — JSON is valid JavaScript, so the data needs no other escaping. */
function dataScript(fn: string, ...args: unknown[]): string {
  return `window.__bax.${fn}(${args.map((a) => JSON.stringify(a)).join(',')});\n`;
}

class Writer {
  files = 0;
  bytes = 0;
  constructor(readonly root: string) {}
  async write(rel: string, content: string): Promise<void> {
    const file = path.join(this.root, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
    this.files++;
    this.bytes += Buffer.byteLength(content);
  }
}

function scenarioInfos(scenarios: readonly string[]): Record<string, ScenarioInfo> {
  const out: Record<string, ScenarioInfo> = {};
  for (const id of scenarios) {
    if (!isScenarioId(id)) continue;
    const s = loadScenario(id);
    out[id] = {
      functional: s.functionalTests.map((t) => t.name),
      security: s.securityTests.map((t) => ({ name: t.name, cwes: [...t.cwes] })),
    };
  }
  return out;
}

/** The prompt a model got for a scenario × framework, when both are defined in this version. */
async function promptFor(opts: EvaluateOptions, scenario: string, framework: string): Promise<PromptData | undefined> {
  if (!isScenarioId(scenario)) return undefined;
  let fw;
  try {
    fw = getFramework(framework);
  } catch {
    return undefined;
  }
  const p = buildPrompt(loadScenario(scenario), fw, { specType: opts.specType, safetyPrompt: opts.safetyPrompt });
  return { scenario, framework, system: p.system, user: p.user };
}

/** --out names a folder that is neither empty nor an earlier report: nothing is written. */
export class ReportOutDirError extends Error {
  constructor(dir: string) {
    super(`${dir} is not empty and holds no earlier baxbench report; give a new or empty folder to --out`);
    this.name = 'ReportOutDirError';
  }
}

async function prepareOutDir(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await fs.mkdir(dir, { recursive: true });
    return;
  }
  if (names.length === 0) return;
  const html = await fs.readFile(path.join(dir, 'index.html'), 'utf8').catch(() => '');
  if (!html.includes(`name="generator" content="${REPORT_MARK}"`)) throw new ReportOutDirError(dir);
  // An earlier report: its task files would be stale, so its data goes first.
  await fs.rm(path.join(dir, 'data'), { recursive: true, force: true });
}

export async function writeHtmlReport(opts: HtmlReportOptions): Promise<HtmlReportOutcome> {
  const { report, warnings } = await evaluate(opts);
  const usage = await readUsage(opts.resultsDir, {
    models: opts.models,
    scenarios: opts.scenarios,
    frameworks: opts.frameworks,
    temperature: opts.temperature,
    specType: opts.specType,
    safetyPrompt: opts.safetyPrompt,
    samples: opts.samples,
  });

  await prepareOutDir(opts.outDir);
  const w = new Writer(opts.outDir);

  const prompts = new Map<string, string | undefined>();
  const tasks: TaskEntry[] = [];
  const counts = { expected: 0, tested: 0, untested: 0, genFailed: 0, malformed: 0 };
  for (const [id, t] of report.tasks.entries()) {
    const key: TaskKey = {
      model: t.model,
      scenario: t.scenario,
      framework: t.framework,
      temperature: opts.temperature,
      specType: opts.specType,
      safetyPrompt: opts.safetyPrompt,
    };
    const taskUsage = await readTaskUsage(usageFile(opts.resultsDir, key)).catch(() => undefined);
    const samples = await Promise.all(opts.samples.map((i) => readSample(opts.resultsDir, key, i, taskUsage)));
    const pk = `${t.scenario}\n${t.framework}`;
    if (!prompts.has(pk)) {
      const p = await promptFor(opts, t.scenario, t.framework);
      const pid = p ? promptId(t.scenario, t.framework) : undefined;
      if (p && pid) await w.write(`data/p/${pid}.js`, dataScript('prompt', pid, p));
      prompts.set(pk, pid);
    }
    const entry: TaskEntry = {
      id,
      model: t.model,
      scenario: t.scenario,
      framework: t.framework,
      samples: samples.map(brief),
    };
    const pid = prompts.get(pk);
    if (pid) entry.prompt = pid;
    tasks.push(entry);
    for (const s of samples) {
      counts.expected++;
      if (s.st === 'tested') counts.tested++;
      else if (s.st === 'malformed') counts.malformed++;
      else if (s.st === 'gen-failed') counts.genFailed++;
      if (s.st !== 'tested') counts.untested++;
    }
    const data: TaskData = { samples };
    await w.write(`data/t/${id}.js`, dataScript('task', id, data));
  }

  const index: ReportIndex = {
    version: REPORT_FORMAT_VERSION,
    facts: {
      results_dir: opts.resultsDir,
      models: [...opts.models],
      scenarios: [...opts.scenarios],
      frameworks: [...opts.frameworks],
      samples: [...opts.samples],
      ks: [...opts.ks],
      spec_type: opts.specType,
      safety_prompt: opts.safetyPrompt,
      temperature: opts.temperature,
      samples_expected: counts.expected,
      samples_tested: counts.tested,
      samples_without_results: counts.untested,
      samples_generation_failed: counts.genFailed,
      samples_malformed: counts.malformed,
      evaluate_command: opts.evaluateCommand,
      generated_at: new Date().toISOString(),
      baxbench_version: opts.version,
    },
    evaluation: report,
    usage: usage.total.tasks > 0 ? usage : null,
    tasks,
    cwe_names: Object.fromEntries(CWE_NUMBERS.map((n) => [String(n), CWE[n].name])),
    scenario_info: scenarioInfos(opts.scenarios),
    warnings,
  };
  await w.write('data/index.js', dataScript('index', index));
  const assets = await buildAssets();
  await w.write('assets/app.js', assets.js);
  await w.write('assets/app.css', assets.css);
  await w.write('index.html', assets.html);
  return { index, files: w.files, bytes: w.bytes, warnings };
}
