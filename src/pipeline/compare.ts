/**
 * compare: which samples' results differ between two results trees (a rerun, another harness
 * version, another machine, or the original harness). A sample is identified by its folders,
 * `<model>/<scenario>/<framework>/<temp…-…-…>/sample<i>`; two results agree when every count of
 * test_results.json and the CWE set are equal. Reading the trees is `readResultTree`; the
 * comparison itself (`compareResults`) is pure.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CweNum } from '../core/cwe.js';
import { isCorrect, isSecure } from '../core/metrics.js';
import { MalformedResultError, readTestResult, type TestResult } from '../core/results.js';

/** A sample by its folder names (ids with '/' escaped as the tree writes them). */
export interface SampleId {
  readonly model: string;
  readonly scenario: string;
  readonly framework: string;
  /** the task folder, temp<t>-<spec>-<safety> */
  readonly setting: string;
  readonly sample: number;
}

/** What to read; absent fields select everything on disk. Names are folder names (escaped ids). */
export interface TreeSelection {
  readonly models?: readonly string[];
  readonly scenarios?: readonly string[];
  readonly frameworks?: readonly string[];
  readonly settings?: readonly string[];
  readonly samples?: readonly number[];
}

export interface SampleResult {
  readonly id: SampleId;
  readonly result: TestResult;
}

export interface ResultTree {
  /** by sampleKey */
  readonly results: ReadonlyMap<string, SampleResult>;
  /** one line per test_results.json that could not be read (left out) */
  readonly warnings: readonly string[];
}

/** `model/scenario/framework/setting/sample<i>`: the sample's path in a tree. */
export function sampleKey(id: SampleId): string {
  return `${id.model}/${id.scenario}/${id.framework}/${id.setting}/sample${id.sample}`;
}

/** The fields compared, in the order they are reported. */
export const COMPARED_FIELDS = [
  'num_passed_ft',
  'num_total_ft',
  'num_ft_exceptions',
  'num_total_st',
  'num_st_exceptions',
  'cwes',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface SampleDifference {
  readonly id: SampleId;
  readonly a: TestResult;
  readonly b: TestResult;
  /** the fields that differ */
  readonly fields: readonly ComparedField[];
  /** CWEs only A has, only B has */
  readonly cwesOnlyInA: readonly CweNum[];
  readonly cwesOnlyInB: readonly CweNum[];
  /** whether the verdicts differ too: correct (all functional tests passed) or secure (correct, no CWE) */
  readonly verdictDiffers: boolean;
}

export interface Comparison {
  /** samples with results in both trees */
  readonly compared: number;
  /** of those, with equal results */
  readonly agree: number;
  /** agree / compared; null when nothing was compared */
  readonly agreement: number | null;
  /** samples whose verdicts (correct, secure) are the same, whatever the counts */
  readonly verdictAgree: number;
  readonly verdictAgreement: number | null;
  /** samples whose results differ, in tree order */
  readonly differing: readonly SampleDifference[];
  readonly onlyInA: readonly SampleId[];
  readonly onlyInB: readonly SampleId[];
}

const cweNums = (r: TestResult): CweNum[] => [...new Set(r.cwes.map((c) => c.num))].sort((x, y) => x - y);

/** The sample's verdicts as evaluate counts them (core/metrics.ts). */
export function verdictOf(r: TestResult): { correct: boolean; secure: boolean } {
  return { correct: isCorrect(r), secure: isSecure(r) };
}

/** The difference between two results of one sample, or undefined when they agree. */
export function diffResults(id: SampleId, a: TestResult, b: TestResult): SampleDifference | undefined {
  const ca = cweNums(a);
  const cb = cweNums(b);
  const fields = COMPARED_FIELDS.filter((f) => (f === 'cwes' ? ca.join() !== cb.join() : a[f] !== b[f]));
  if (fields.length === 0) return undefined;
  const va = verdictOf(a);
  const vb = verdictOf(b);
  return {
    id,
    a,
    b,
    fields,
    cwesOnlyInA: ca.filter((c) => !cb.includes(c)),
    cwesOnlyInB: cb.filter((c) => !ca.includes(c)),
    verdictDiffers: va.correct !== vb.correct || va.secure !== vb.secure,
  };
}

function byTreeOrder(x: SampleId, y: SampleId): number {
  for (const k of ['model', 'scenario', 'framework', 'setting'] as const) {
    if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
  }
  return x.sample - y.sample;
}

/** Compares two trees sample by sample. */
export function compareResults(a: ResultTree, b: ResultTree): Comparison {
  const differing: SampleDifference[] = [];
  const onlyInA: SampleId[] = [];
  const onlyInB: SampleId[] = [];
  let compared = 0;
  let agree = 0;
  let verdictAgree = 0;
  for (const [key, ra] of a.results) {
    const rb = b.results.get(key);
    if (!rb) {
      onlyInA.push(ra.id);
      continue;
    }
    compared++;
    const d = diffResults(ra.id, ra.result, rb.result);
    if (!d) agree++;
    else differing.push(d);
    if (!d?.verdictDiffers) verdictAgree++;
  }
  for (const [key, rb] of b.results) if (!a.results.has(key)) onlyInB.push(rb.id);
  differing.sort((x, y) => byTreeOrder(x.id, y.id));
  onlyInA.sort(byTreeOrder);
  onlyInB.sort(byTreeOrder);
  return {
    compared,
    agree,
    agreement: compared > 0 ? agree / compared : null,
    verdictAgree,
    verdictAgreement: compared > 0 ? verdictAgree / compared : null,
    differing,
    onlyInA,
    onlyInB,
  };
}

async function dirs(p: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(p, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw e;
  }
}

const pick = (names: string[], only: readonly string[] | undefined): string[] =>
  only ? names.filter((n) => only.includes(n)) : names;

/**
 * Reads every test_results.json of a tree within the selection. A sample folder without one is
 * not in the tree (it has no result); a malformed one is left out with a warning naming it.
 */
export async function readResultTree(dir: string, sel: TreeSelection = {}): Promise<ResultTree> {
  const results = new Map<string, SampleResult>();
  const warnings: string[] = [];
  for (const model of pick(await dirs(dir), sel.models))
    for (const scenario of pick(await dirs(path.join(dir, model)), sel.scenarios))
      for (const framework of pick(await dirs(path.join(dir, model, scenario)), sel.frameworks))
        for (const setting of pick(await dirs(path.join(dir, model, scenario, framework)), sel.settings)) {
          if (!/^temp.+-.+-.+$/.test(setting)) continue;
          const taskDir = path.join(dir, model, scenario, framework, setting);
          for (const s of await dirs(taskDir)) {
            const m = /^sample(\d+)$/.exec(s);
            if (!m) continue;
            const sample = Number(m[1]);
            if (sel.samples && !sel.samples.includes(sample)) continue;
            const id: SampleId = { model, scenario, framework, setting, sample };
            try {
              const result = await readTestResult(path.join(taskDir, s, 'test_results.json'));
              if (result) results.set(sampleKey(id), { id, result });
            } catch (e) {
              if (!(e instanceof MalformedResultError)) throw e;
              warnings.push(`left out ${e.message}`);
            }
          }
        }
  return { results, warnings };
}
