/**
 * Result files in the original harness's on-disk layout:
 *   <results>/<model>/<scenario>/<framework>/temp<t>-<spec>-<safety>/sample<s>/code/…
 *   <results>/…/sample<s>/test_results.json
 * '/' in ids becomes '-'. Writes are atomic (temp file + rename).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { cweRecord, isCweNum, type CweNum } from './cwe.js';
import type { TaskKey } from './types.js';

export interface CweEntry {
  num: CweNum;
  desc: string;
}

/** The content of test_results.json, key for key as the original writes it. */
export interface TestResult {
  num_passed_ft: number;
  num_total_ft: number;
  num_ft_exceptions: number;
  num_total_st: number;
  num_st_exceptions: number;
  cwes: CweEntry[];
}

/** Replaces '/' with '-', as the original does for every id in a path. */
export function esc(id: string): string {
  return id.replaceAll('/', '-');
}

/** Formats a temperature the way Python's str(float(t)) does: 0 → "0.0", 0.2 → "0.2", 1e-05 → "1e-05". */
export function pythonFloat(t: number): string {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? 'nan' : t > 0 ? 'inf' : '-inf';
  if (Number.isInteger(t) && Math.abs(t) < 1e16) return t.toFixed(1);
  const abs = Math.abs(t);
  if (abs >= 1e16 || abs < 1e-4) {
    // Python: repr uses exponent form with at least two exponent digits.
    const [mant, exp] = t.toExponential().split('e') as [string, string];
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  return String(t);
}

export function taskDirName(key: Pick<TaskKey, 'temperature' | 'specType' | 'safetyPrompt'>): string {
  return `temp${pythonFloat(key.temperature)}-${esc(key.specType)}-${esc(key.safetyPrompt)}`;
}

export function taskDir(resultsDir: string, key: TaskKey): string {
  return path.join(resultsDir, esc(key.model), esc(key.scenario), esc(key.framework), taskDirName(key));
}

export function sampleDir(resultsDir: string, key: TaskKey, sample: number): string {
  return path.join(taskDir(resultsDir, key), `sample${sample}`);
}

export function codeDir(resultsDir: string, key: TaskKey, sample: number): string {
  return path.join(sampleDir(resultsDir, key, sample), 'code');
}

export function testResultsPath(resultsDir: string, key: TaskKey, sample: number): string {
  return path.join(sampleDir(resultsDir, key, sample), 'test_results.json');
}

/**
 * A sample that could not be tested for a harness reason (not the sample's fault) has no
 * test_results.json but this marker, saying why; a later run tests it again, and a successful
 * test removes it. Figures ignore it (they read only test_results.json).
 */
export const HARNESS_ERROR_FILE = 'harness_error.json';

export interface HarnessErrorRecord {
  /** One line: what failed. */
  reason: string;
  /** When (ISO 8601). */
  at: string;
}

export function harnessErrorPath(resultsDir: string, key: TaskKey, sample: number): string {
  return path.join(sampleDir(resultsDir, key, sample), HARNESS_ERROR_FILE);
}

/** Reads a harness_error.json; undefined when absent or unreadable (a marker, never fatal). */
export async function readHarnessError(file: string): Promise<HarnessErrorRecord | undefined> {
  try {
    const raw = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<HarnessErrorRecord>;
    return {
      reason: typeof raw.reason === 'string' ? raw.reason : 'unknown',
      at: typeof raw.at === 'string' ? raw.at : '',
    };
  } catch {
    return undefined;
  }
}

/** Writes a file atomically: a temp file beside it, then rename. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export class MalformedResultError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: malformed test_results.json (${reason})`);
    this.name = 'MalformedResultError';
  }
}

function nonNegInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Checks and normalises parsed JSON into a TestResult; throws a message on bad shape. */
export function parseTestResult(raw: unknown): TestResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not a JSON object');
  const o = raw as Record<string, unknown>;
  const keys = ['num_passed_ft', 'num_total_ft', 'num_ft_exceptions', 'num_total_st', 'num_st_exceptions'] as const;
  for (const k of keys) {
    if (!nonNegInt(o[k])) throw new Error(`"${k}" must be a non-negative integer`);
  }
  if (!Array.isArray(o.cwes)) throw new Error('"cwes" must be a list');
  const cwes: CweEntry[] = [];
  const seen = new Set<number>();
  for (const c of o.cwes as unknown[]) {
    // The original writes {num, desc}; accept a bare number too.
    const num =
      typeof c === 'number' ? c : typeof c === 'object' && c !== null ? (c as { num?: unknown }).num : undefined;
    if (!isCweNum(num)) throw new Error(`unknown CWE entry ${JSON.stringify(c)}`);
    if (seen.has(num)) continue;
    seen.add(num);
    cwes.push(cweRecord(num));
  }
  return {
    num_passed_ft: o.num_passed_ft as number,
    num_total_ft: o.num_total_ft as number,
    num_ft_exceptions: o.num_ft_exceptions as number,
    num_total_st: o.num_total_st as number,
    num_st_exceptions: o.num_st_exceptions as number,
    cwes,
  };
}

/**
 * Reads a test_results.json. Returns undefined when the file does not exist;
 * throws MalformedResultError (with the path) when it cannot be parsed.
 */
export async function readTestResult(file: string): Promise<TestResult | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MalformedResultError(file, (e as Error).message);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new MalformedResultError(file, `invalid JSON: ${(e as Error).message}`);
  }
  try {
    return parseTestResult(raw);
  } catch (e) {
    throw new MalformedResultError(file, (e as Error).message);
  }
}

/** The result as test_results.json holds it: keys in the original's order, CWEs sorted with their descriptions. */
export function canonicalTestResult(result: TestResult): TestResult {
  return {
    num_passed_ft: result.num_passed_ft,
    num_total_ft: result.num_total_ft,
    num_ft_exceptions: result.num_ft_exceptions,
    num_total_st: result.num_total_st,
    num_st_exceptions: result.num_st_exceptions,
    cwes: [...result.cwes].sort((a, b) => a.num - b.num).map((c) => cweRecord(c.num)),
  };
}

export async function writeTestResult(file: string, result: TestResult): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(canonicalTestResult(result)));
}

/** Accumulates test outcomes into a TestResult, with the original's counting rules. */
export class TestResultBuilder {
  private readonly r: TestResult = {
    num_passed_ft: 0,
    num_total_ft: 0,
    num_ft_exceptions: 0,
    num_total_st: 0,
    num_st_exceptions: 0,
    cwes: [],
  };
  private readonly cweSet = new Set<CweNum>();

  recordFunctional(passed: boolean, hadException: boolean): void {
    this.r.num_total_ft++;
    if (passed) this.r.num_passed_ft++;
    if (hadException) this.r.num_ft_exceptions++;
  }

  /** null: the security test could not be completed (counted as an exception). */
  recordSecurity(cwes: ReadonlySet<CweNum> | null): void {
    this.r.num_total_st++;
    if (cwes === null) this.r.num_st_exceptions++;
    else for (const c of cwes) this.cweSet.add(c);
  }

  build(): TestResult {
    return { ...this.r, cwes: [...this.cweSet].sort((a, b) => a - b).map(cweRecord) };
  }
}

/** Reads a sample's code folder into relative path → content (text files only). */
export async function readCode(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const ent of entries) {
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) await walk(p);
      else if (ent.isFile()) out[path.relative(dir, p).split(path.sep).join('/')] = await fs.readFile(p, 'utf8');
    }
  }
  await walk(dir);
  return out;
}
