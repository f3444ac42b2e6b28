import { Command } from 'commander';
import type { SafetyPrompt, SpecType, TaskKey } from '../../core/types.js';
import {
  defaultConcurrency,
  materializeReferences,
  runTests,
  type SampleJob,
  type TestRunSummary,
} from '../../pipeline/test.js';
import { errorLines, testSummaryLine } from '../../report/runs.js';
import { loadScenarios } from '../../scenarios/index.js';
import { CliError } from '../errors.js';
import {
  addSandboxOptions,
  addSelectionOptions,
  addVariantOption,
  requireModels,
  resolveFrameworks,
  resolveResultsDir,
  sampleIndices,
  sandboxOptionsOf,
  selectFrameworks,
  selectScenarios,
  type SandboxFlags,
  type SelectionFlags,
  type VariantFlags,
} from '../options.js';
import { buildStatus, Progress } from '../progress.js';
import { openSandbox } from '../sandbox.js';
import { ensureVariantBases } from '../variant-bases.js';

/** The model name under which `--models reference` puts the bundled secure references. */
export const REFERENCE_MODEL = 'reference';

/** Runs `test` for the flags; returns the summary (errors are reported, exit code set to 1). */
export async function testAction(flags: SelectionFlags & VariantFlags & SandboxFlags): Promise<TestRunSummary> {
  const models = requireModels(flags);
  const scenarioIds = selectScenarios(flags);
  const frameworkIds = selectFrameworks(flags);
  const resultsDir = resolveResultsDir(flags.resultsDir);
  const samples = sampleIndices(flags);
  const scenarios = loadScenarios(scenarioIds);
  const { frameworks, notes: variantNotes } = resolveFrameworks(frameworkIds, flags.frameworkVariant);
  for (const n of variantNotes) process.stderr.write(`${n}\n`);
  const jobs: SampleJob[] = [];
  let referenceTasks = 0;
  for (const model of models) {
    for (const scenario of scenarios) {
      for (const framework of frameworks) {
        const key: TaskKey = {
          model,
          scenario: scenario.id,
          framework: framework.id,
          temperature: flags.temperature,
          specType: flags.specType as SpecType,
          safetyPrompt: flags.safetyPrompt as SafetyPrompt,
        };
        if (model === REFERENCE_MODEL) {
          const usable = await materializeReferences(resultsDir, [{ key, scenario }], samples, flags.force === true);
          if (usable.length === 0) continue;
          referenceTasks++;
        }
        for (const sample of samples) jobs.push({ key, sample, scenario, framework });
      }
    }
  }
  if (models.includes(REFERENCE_MODEL) && referenceTasks === 0) {
    throw new CliError(
      `no reference solution for the selected scenarios and frameworks (${scenarioIds.join(', ')} × ${frameworkIds.join(', ')})`,
    );
  }
  const maxConcurrentRuns = flags.maxConcurrentRuns ?? defaultConcurrency();
  const progress = new Progress(jobs.length, 'test');
  const notes = { info: (m: string) => progress.note(m) };
  const onBuildProgress = buildStatus(
    (render) => progress.setStatus(render),
    () => progress.width,
  );
  const { sandbox, signal, close } = await openSandbox(notes, {
    onBuildProgress,
    sandboxOptions: sandboxOptionsOf(flags),
  });
  let summary: TestRunSummary;
  try {
    await ensureVariantBases(frameworks, (m) => progress.note(m), onBuildProgress);
    summary = await runTests({
      resultsDir,
      jobs,
      sandbox,
      timeoutMs: flags.timeout * 1000,
      force: flags.force === true,
      maxConcurrentRuns,
      signal,
      log: {
        info: (m) => progress.note(m),
        warn: (m) => progress.note(`warning: ${m}`),
        error: (m) => progress.note(`error: ${m}`),
      },
      onSample: ({ job, status, result, message }) => {
        if (status === 'interrupted') return;
        const what =
          status === 'tested' && result
            ? `${result.num_passed_ft}/${result.num_total_ft} ft, cwes [${result.cwes.map((c) => c.num).join(',')}]`
            : status === 'error'
              ? `error: ${message}`
              : status;
        progress.tick(`${job.key.model} ${job.scenario.id} ${job.framework.id} sample${job.sample}: ${what}`);
      },
    });
  } finally {
    progress.end();
    await close();
  }
  process.stderr.write(`${testSummaryLine(summary)}\n`);
  for (const l of errorLines(summary.errorMessages, '(see test.log in those sample folders)'))
    process.stderr.write(`${l}\n`);
  if (summary.errors > 0) process.exitCode = 1;
  return summary;
}

export function testCommand(): Command {
  const cmd = new Command('test').description(
    'run the functional and security tests of the samples in a results tree (Docker), resumable; `--models reference` tests the bundled reference solutions (no API key needed)',
  );
  addSelectionOptions(cmd, { models: 'required' });
  addVariantOption(cmd);
  addSandboxOptions(cmd);
  cmd.action(async (flags: SelectionFlags & VariantFlags & SandboxFlags) => {
    await testAction(flags);
  });
  return cmd;
}
