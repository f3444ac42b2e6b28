/**
 * The data of an HTML report, as written into its folder and read by the page's script.
 *
 *   index.html              the page (loads assets/ and data/index.js)
 *   assets/app.js, app.css  the page's script and style
 *   data/index.js           window.__bax.index(ReportIndex): run facts, figures, one line per sample
 *   data/t/<task id>.js     window.__bax.task(id, TaskData): a task's samples in full (code, logs)
 *   data/p/<prompt id>.js   window.__bax.prompt(id, PromptData): the prompt of a scenario × framework
 *
 * Data files are scripts, not JSON, because a page opened from disk may load scripts but, in
 * Chromium, may not fetch() files. Types only: this module is shared by the writer and the page.
 */
import type { EvaluationReport } from '../../pipeline/evaluate.js';
import type { SampleUsageRecord, UsageReport } from '../../generation/usage.js';
import type { TestResult } from '../../core/results.js';

export const REPORT_FORMAT_VERSION = 1;

/**
 * A sample's state: tested (test_results.json read), untested (code but no results),
 * gen-failed (the model's answer had no code), missing (nothing on disk), malformed
 * (test_results.json could not be read; evaluate skips it too).
 */
export type SampleStatus = 'tested' | 'untested' | 'gen-failed' | 'missing' | 'malformed';

/** One line per sample in the index (enough for lists, filters and the task grid). */
export interface SampleBrief {
  /** sample index */
  i: number;
  st: SampleStatus;
  /** functional tests passed / total (tested samples) */
  ft?: [number, number];
  /** CWEs proven */
  cw?: number[];
  /** exceptions (functional + inconclusive security tests) */
  ex?: number;
}

export interface TaskEntry {
  /** position in ReportIndex.tasks and in evaluation.tasks; the task file is data/t/<id>.js */
  id: number;
  model: string;
  scenario: string;
  framework: string;
  /** the prompt file (data/p/<prompt>.js), absent when the scenario is not in this version */
  prompt?: string;
  samples: SampleBrief[];
}

export interface RunFacts {
  results_dir: string;
  models: string[];
  scenarios: string[];
  frameworks: string[];
  samples: number[];
  ks: number[];
  spec_type: string;
  safety_prompt: string;
  temperature: number;
  samples_expected: number;
  samples_tested: number;
  samples_without_results: number;
  samples_generation_failed: number;
  samples_malformed: number;
  /** the evaluate command that prints the same figures */
  evaluate_command: string;
  generated_at: string;
  baxbench_version: string;
}

export interface SecurityTestInfo {
  name: string;
  cwes: number[];
}

export interface ScenarioInfo {
  functional: string[];
  security: SecurityTestInfo[];
}

export interface ReportIndex {
  version: number;
  facts: RunFacts;
  /** exactly what `evaluate --json` prints for the same selection */
  evaluation: EvaluationReport;
  /** tokens and cost where generation recorded them (gen_usage.json), else null */
  usage: UsageReport | null;
  /** in the order of evaluation.tasks */
  tasks: TaskEntry[];
  /** CWE number → its name */
  cwe_names: Record<string, string>;
  /** the tests each scenario declares (scenarios of this version only) */
  scenario_info: Record<string, ScenarioInfo>;
  warnings: string[];
}

export interface LogTest {
  kind: 'functional' | 'security';
  /** position among all tests of the sample (1-based) and their number, as in the log title */
  index: number;
  total: number;
  name: string;
  /** the text of the outcome line ('' when the log has none) */
  outcome: string;
  /** functional: passed */
  passed?: boolean;
  /** security: CWEs proven */
  cwes?: number[];
  /** security: could not be completed */
  inconclusive?: boolean;
  /** the test's own log lines (before the app's output) */
  log: string;
  /** what the app printed during the test */
  appOutput: string;
  /** what follows the outcome: exception, timings */
  details: string;
}

export interface ParsedLog {
  /** sections: our test.log format; raw: another format, shown as it is */
  kind: 'sections' | 'raw';
  raw: string;
  head?: { title: string; body: string };
  build?: string;
  tests: LogTest[];
  summary?: string;
  other: { title: string; body: string }[];
}

export interface CodeFile {
  path: string;
  text: string;
  /** bytes cut from the middle to keep the report small */
  cut?: number;
}

export interface SampleData {
  i: number;
  st: SampleStatus;
  result?: TestResult;
  /** the reason a test_results.json could not be read */
  error?: string;
  files: CodeFile[];
  /** the model's answer, kept for samples whose answer had no code */
  raw_answer?: string;
  usage?: SampleUsageRecord;
  log?: ParsedLog;
}

export interface TaskData {
  samples: SampleData[];
}

export interface PromptData {
  scenario: string;
  framework: string;
  system: string;
  user: string;
}
