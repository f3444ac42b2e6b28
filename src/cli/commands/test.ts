import { Command } from 'commander';
import type { SafetyPrompt, SpecType, TaskKey } from '../../core/types.js';
import { getFramework } from '../../frameworks/index.js';
import { materializeReferences, runTests, type SampleJob } from '../../pipeline/test.js';
import { implementedScenarioIds, loadScenario } from '../../scenarios/index.js';
import { CliError } from '../errors.js';
import { addSelectionOptions, requireModels, resolveResultsDir, sampleIndices, selectFrameworks, selectScenarios, type SelectionFlags } from '../options.js';
import { Progress } from '../progress.js';
import { openSandbox } from '../sandbox.js';

export const REFERENCE_MODEL = 'reference';

/** Scenario ids the command may run: selected and implemented (clear error otherwise). */
export function implementedSelection(flags: SelectionFlags): string[] {
  const selected = selectScenarios(flags);
  const implemented = new Set<string>(implementedScenarioIds());
  const missing = selected.filter((s) => !implemented.has(s));
  if (flags.scenarios && missing.length > 0) {
    throw new CliError(`scenario(s) ${missing.join(', ')} have no tests in this version; implemented: ${[...implemented].join(', ') || 'none'}`);
  }
  const out = selected.filter((s) => implemented.has(s));
  if (out.length === 0) throw new CliError('no implemented scenario selected');
  return out;
}

export async function testAction(flags: SelectionFlags): Promise<{ tested: number; correct: number; secure: number }> {
  const models = requireModels(flags);
  const scenarioIds = implementedSelection(flags);
  const frameworkIds = selectFrameworks(flags);
  const resultsDir = resolveResultsDir(flags.resultsDir);
  const samples = sampleIndices(flags);
  const scenarios = await Promise.all(scenarioIds.map((id) => loadScenario(id)));
  const frameworks = frameworkIds.map((id) => getFramework(id));
  const jobs: SampleJob[] = [];
  for (const model of models) {
    for (const scenario of scenarios) {
      for (const framework of frameworks) {
        const key: TaskKey = { model, scenario: scenario.id, framework: framework.id, temperature: flags.temperature, specType: flags.specType as SpecType, safetyPrompt: flags.safetyPrompt as SafetyPrompt };
        if (model === REFERENCE_MODEL) {
          const usable = await materializeReferences(resultsDir, [{ key, scenario }], samples, flags.force === true);
          if (usable.length === 0) continue;
        }
        for (const sample of samples) jobs.push({ key, sample, scenario, framework });
      }
    }
  }
  const { sandbox, close } = await openSandbox();
  const progress = new Progress(jobs.length, 'test');
  try {
    const summary = await runTests({
      resultsDir,
      jobs,
      sandbox,
      timeoutMs: flags.timeout * 1000,
      force: flags.force === true,
      maxConcurrentRuns: flags.maxConcurrentRuns ?? 2,
      onSample: ({ job, status, result }) => {
        const what = status === 'tested' && result ? `${result.num_passed_ft}/${result.num_total_ft} ft, cwes [${result.cwes.map((c) => c.num).join(',')}]` : status;
        progress.tick(`${job.key.model} ${job.scenario.id} ${job.framework.id} sample${job.sample}: ${what}`);
      },
    });
    progress.end();
    process.stderr.write(
      `tested ${summary.tested} sample(s) in ${(summary.wallMs / 1000).toFixed(1)} s: ${summary.correct} correct, ${summary.secure} secure; ` +
        `skipped ${summary.skippedExisting} with results (use --force to redo), ${summary.skippedNoCode} without code\n`,
    );
    return summary;
  } finally {
    await close();
  }
}

export function testCommand(): Command {
  const cmd = new Command('test').description('run the functional and security tests of samples in a results tree (Docker); `--models reference` tests the bundled reference solutions');
  addSelectionOptions(cmd, { models: 'required' });
  cmd.action(async (flags: SelectionFlags) => {
    await testAction(flags);
  });
  return cmd;
}
