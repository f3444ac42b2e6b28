/**
 * evaluate: read test_results.json files from a results tree and compute the benchmark's
 * figures per task and per model × framework, with the original harness's averaging.
 * Needs no Docker and no scenario code.
 */
import { Mean, taskMetrics, type TaskMetrics } from '../core/metrics.js';
import {
  harnessErrorPath,
  MalformedResultError,
  readHarnessError,
  readTestResult,
  testResultsPath,
  type TestResult,
} from '../core/results.js';
import type { SafetyPrompt, SpecType, TaskKey } from '../core/types.js';

export interface EvaluateOptions {
  resultsDir: string;
  models: readonly string[];
  scenarios: readonly string[];
  frameworks: readonly string[];
  specType: SpecType;
  safetyPrompt: SafetyPrompt;
  temperature: number;
  /** Sample indices to read (0..n-1, or --only-samples). */
  samples: readonly number[];
  ks: readonly number[];
}

export interface TaskEvaluation extends TaskMetrics {
  model: string;
  scenario: string;
  framework: string;
  spec_type: SpecType;
  safety_prompt: SafetyPrompt;
  temperature: number;
}

export interface Figures {
  pass_at_k: Record<string, number>;
  sec_pass_at_k: Record<string, number>;
  insec_pass: number | null;
}

export interface ModelSummary {
  model: string;
  frameworks: Record<string, Figures>;
  overall: Figures;
}

/** A sample without results because the harness failed on it (its harness_error.json). */
export interface HarnessErrorSample {
  model: string;
  scenario: string;
  framework: string;
  sample: number;
  reason: string;
}

export interface EvaluationReport {
  tasks: TaskEvaluation[];
  summary: ModelSummary[];
  /**
   * Samples of the selection that have no test_results.json but a harness_error.json: they could
   * not be tested for a reason that was not theirs; the figures leave them out (as any sample
   * without results) and a later `test` run tests them again.
   */
  harness_errors?: { count: number; samples: HarnessErrorSample[] };
}

export interface EvaluateOutcome {
  report: EvaluationReport;
  /** One line per skipped file (malformed), with its path. */
  warnings: string[];
}

/** The original's task order: by "<model>-<framework>-<scenario>". */
function taskOrder(a: TaskKey, b: TaskKey): number {
  const ka = `${a.model}-${a.framework}-${a.scenario}`;
  const kb = `${b.model}-${b.framework}-${b.scenario}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export async function evaluate(opts: EvaluateOptions): Promise<EvaluateOutcome> {
  const warnings: string[] = [];
  const keys: TaskKey[] = [];
  for (const model of opts.models)
    for (const framework of opts.frameworks)
      for (const scenario of opts.scenarios)
        keys.push({
          model,
          scenario,
          framework,
          temperature: opts.temperature,
          specType: opts.specType,
          safetyPrompt: opts.safetyPrompt,
        });
  keys.sort(taskOrder);

  const tasks: TaskEvaluation[] = [];
  const harnessErrors: HarnessErrorSample[] = [];
  for (const key of keys) {
    const results: TestResult[] = [];
    const reads = await Promise.all(
      opts.samples.map(async (s) => {
        try {
          const r = await readTestResult(testResultsPath(opts.resultsDir, key, s));
          if (r === undefined) {
            const marker = await readHarnessError(harnessErrorPath(opts.resultsDir, key, s));
            if (marker)
              harnessErrors.push({
                model: key.model,
                scenario: key.scenario,
                framework: key.framework,
                sample: s,
                reason: marker.reason,
              });
          }
          return r;
        } catch (e) {
          if (e instanceof MalformedResultError) {
            warnings.push(`skipped ${e.message}`);
            return undefined;
          }
          throw e;
        }
      }),
    );
    for (const r of reads) if (r) results.push(r);
    tasks.push({
      model: key.model,
      scenario: key.scenario,
      framework: key.framework,
      spec_type: key.specType,
      safety_prompt: key.safetyPrompt,
      temperature: key.temperature,
      ...taskMetrics(results, opts.ks),
    });
  }
  return {
    report: {
      tasks,
      summary: summarize(tasks, opts.ks),
      harness_errors: { count: harnessErrors.length, samples: harnessErrors },
    },
    warnings,
  };
}

function figuresOf(pass: Map<string, Mean>, sec: Map<string, Mean>, insec: Mean, ks: readonly number[]): Figures {
  const out: Figures = { pass_at_k: {}, sec_pass_at_k: {}, insec_pass: insec.value };
  for (const k of ks.map(String)) {
    const p = pass.get(k)?.value;
    if (p !== undefined && p !== null) out.pass_at_k[k] = p;
    const s = sec.get(k)?.value;
    if (s !== undefined && s !== null) out.sec_pass_at_k[k] = s;
  }
  return out;
}

/**
 * Per framework: the mean over that framework's tasks that have the figure.
 * Overall: the mean over frameworks that have the figure.
 */
export function summarize(tasks: readonly TaskEvaluation[], ks: readonly number[]): ModelSummary[] {
  const models = [...new Set(tasks.map((t) => t.model))].sort();
  const summaries: ModelSummary[] = [];
  for (const model of models) {
    const frameworkIds = [...new Set(tasks.filter((t) => t.model === model).map((t) => t.framework))];
    const frameworks: Record<string, Figures> = {};
    const oPass = new Map<string, Mean>();
    const oSec = new Map<string, Mean>();
    const oInsec = new Mean();
    for (const fw of frameworkIds) {
      const pass = new Map<string, Mean>();
      const sec = new Map<string, Mean>();
      const insec = new Mean();
      for (const t of tasks) {
        if (t.model !== model || t.framework !== fw) continue;
        for (const [k, v] of Object.entries(t.pass_at_k)) getMean(pass, k).add(v);
        for (const [k, v] of Object.entries(t.sec_pass_at_k)) getMean(sec, k).add(v);
        insec.add(t.insec_pass);
      }
      const f = figuresOf(pass, sec, insec, ks);
      frameworks[fw] = f;
      for (const [k, v] of Object.entries(f.pass_at_k)) getMean(oPass, k).add(v);
      for (const [k, v] of Object.entries(f.sec_pass_at_k)) getMean(oSec, k).add(v);
      oInsec.add(f.insec_pass);
    }
    summaries.push({ model, frameworks, overall: figuresOf(oPass, oSec, oInsec, ks) });
  }
  return summaries;
}

function getMean(m: Map<string, Mean>, k: string): Mean {
  let v = m.get(k);
  if (!v) {
    v = new Mean();
    m.set(k, v);
  }
  return v;
}
