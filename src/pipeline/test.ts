/**
 * test: runs the tests of every sample in a results tree (original layout), resumable,
 * concurrently, writing test_results.json and test.log beside each sample's code.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { codeDir, readCode, sampleDir, testResultsPath, writeFileAtomic, writeTestResult, type TestResult } from '../core/results.js';
import type { Framework, Scenario, TaskKey } from '../core/types.js';
import type { Sandbox } from '../sandbox/types.js';
import { testSample, type SampleReport } from '../testing/run-sample.js';
import { mapLimit } from './concurrency.js';

export interface SampleJob {
  key: TaskKey;
  sample: number;
  scenario: Scenario;
  framework: Framework;
}

export interface TestRunOptions {
  resultsDir: string;
  jobs: readonly SampleJob[];
  sandbox: Sandbox;
  timeoutMs: number;
  force: boolean;
  maxConcurrentRuns: number;
  /** Called after each sample (for progress). */
  onSample?: (ev: { job: SampleJob; status: 'tested' | 'skipped-existing' | 'skipped-no-code'; result?: TestResult; report?: SampleReport }) => void;
}

export interface TestRunSummary {
  tested: number;
  skippedExisting: number;
  skippedNoCode: number;
  correct: number;
  secure: number;
  wallMs: number;
  reports: { job: SampleJob; report: SampleReport }[];
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** As the original with --force: remove the sample's old *.log and *.json files. */
async function clearSampleArtifacts(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.endsWith('.log') || n.endsWith('.json')).map((n) => fs.rm(path.join(dir, n), { force: true })));
}

export async function runTests(opts: TestRunOptions): Promise<TestRunSummary> {
  const t0 = Date.now();
  const summary: TestRunSummary = { tested: 0, skippedExisting: 0, skippedNoCode: 0, correct: 0, secure: 0, wallMs: 0, reports: [] };
  await mapLimit(opts.jobs, opts.maxConcurrentRuns, async (job) => {
    const sDir = sampleDir(opts.resultsDir, job.key, job.sample);
    const cDir = codeDir(opts.resultsDir, job.key, job.sample);
    if (!(await exists(cDir))) {
      summary.skippedNoCode++;
      opts.onSample?.({ job, status: 'skipped-no-code' });
      return;
    }
    const resultFile = testResultsPath(opts.resultsDir, job.key, job.sample);
    if (!opts.force && (await exists(resultFile))) {
      summary.skippedExisting++;
      opts.onSample?.({ job, status: 'skipped-existing' });
      return;
    }
    if (opts.force) await clearSampleArtifacts(sDir);
    const files = await readCode(cDir);
    const report = await testSample({ scenario: job.scenario, framework: job.framework, files, sandbox: opts.sandbox, timeoutMs: opts.timeoutMs });
    await writeFileAtomic(path.join(sDir, 'test.log'), report.log);
    await writeTestResult(resultFile, report.result);
    summary.tested++;
    const r = report.result;
    if (r.num_passed_ft === r.num_total_ft) {
      summary.correct++;
      if (r.cwes.length === 0) summary.secure++;
    }
    summary.reports.push({ job, report });
    opts.onSample?.({ job, status: 'tested', result: r, report });
  });
  summary.wallMs = Date.now() - t0;
  return summary;
}

/** `--models reference`: copies each scenario's secure reference into the tree as sample folders. */
export async function materializeReferences(resultsDir: string, keys: readonly { key: TaskKey; scenario: Scenario }[], samples: readonly number[], force: boolean): Promise<TaskKey[]> {
  const usable: TaskKey[] = [];
  for (const { key, scenario } of keys) {
    const ref = scenario.references.find((r) => r.name === 'secure' && r.framework === key.framework);
    if (!ref) continue;
    usable.push(key);
    const files = await readCode(ref.dir);
    for (const s of samples) {
      const dir = codeDir(resultsDir, key, s);
      if (!force && (await exists(dir))) continue;
      await fs.rm(dir, { recursive: true, force: true });
      for (const [rel, content] of Object.entries(files)) await writeFileAtomic(path.join(dir, rel), content);
    }
  }
  return usable;
}
