import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { codeDir } from '../../core/results.js';
import type { SafetyPrompt, SpecType } from '../../core/types.js';
import { FRAMEWORK_VARIANT_NAMES, variantGap } from '../../frameworks/variants.js';
import {
  defaultConcurrency,
  defaultWarmInstances,
  planTest,
  REFERENCE_MODEL,
  test,
  type TestPlan,
  type TestRunSummary,
} from '../../index.js';
import { errorLines, testSummaryLine } from '../../report/runs.js';
import { CliError } from '../errors.js';
import {
  addRunOptions,
  addSandboxOptions,
  addSelectionOptions,
  addShardOptions,
  addVariantOption,
  inputErrors,
  requireModels,
  resolveFrameworks,
  resolveResultsDir,
  sampleIndices,
  sandboxOptionsOf,
  selectFrameworks,
  selectScenarios,
  shardFrom,
  type RunFlags,
  type SandboxFlags,
  type SelectionFlags,
  type ShardFlags,
  type VariantFlags,
} from '../options.js';
import { buildStatus, Progress } from '../progress.js';
import { openSandbox } from '../sandbox.js';
import { ensurePinnedBases, ensureVariantBases } from '../variant-bases.js';

export { REFERENCE_MODEL };

export type TestFlags = SelectionFlags & VariantFlags & ShardFlags & RunFlags & SandboxFlags;

/** The samples this process tests for the flags (its shard of them, when sharded). */
export function testPlan(flags: TestFlags, shardBy: 'sample' | 'task' = 'sample'): TestPlan {
  const models = requireModels(flags);
  const plan = inputErrors(() =>
    planTest({
      models,
      scenarios: selectScenarios(flags),
      frameworks: selectFrameworks(flags),
      samples: sampleIndices(flags),
      temperature: flags.temperature,
      specType: flags.specType as SpecType,
      safetyPrompt: flags.safetyPrompt as SafetyPrompt,
      variant: flags.frameworkVariant,
      shard: shardFrom(flags),
      shardBy,
    }),
  );
  if (models.includes(REFERENCE_MODEL) && !plan.jobs.some((j) => j.key.model === REFERENCE_MODEL) && !plan.shard) {
    const gaps = selectFrameworks(flags).flatMap((f) =>
      FRAMEWORK_VARIANT_NAMES.flatMap((v) => {
        const why = variantGap(v, f);
        return why ? [`${f} has none: ${why}, so no ${v} variant can run it`] : [];
      }),
    );
    throw new CliError(
      `no reference solution for the selected scenarios and frameworks (${selectScenarios(flags).join(', ')} × ${selectFrameworks(flags).join(', ')})${gaps.length > 0 ? `; ${gaps.join('; ')}` : ''}`,
    );
  }
  return plan;
}

/** Runs `test` for the flags; returns the summary (errors are reported, exit code set to 1). */
export async function testAction(flags: TestFlags, shardBy: 'sample' | 'task' = 'sample'): Promise<TestRunSummary> {
  const plan = testPlan(flags, shardBy);
  for (const n of resolveFrameworks(selectFrameworks(flags), flags.frameworkVariant).notes)
    process.stderr.write(`${n}\n`);
  if (plan.shard)
    process.stderr.write(
      `shard ${plan.shard.index}/${plan.shard.total}: ${plan.jobs.length} sample(s) of this selection\n`,
    );
  const resultsDir = resolveResultsDir(flags.resultsDir);
  const maxConcurrentRuns = flags.maxConcurrentRuns ?? defaultConcurrency();
  const progress = new Progress(plan.jobs.length, 'test');
  const notes = { info: (m: string) => progress.note(m) };
  const onBuildProgress = buildStatus(
    (render) => progress.setStatus(render),
    () => progress.width,
  );
  const { sandbox, signal, close } = await openSandbox(notes, {
    onBuildProgress,
    warmInstances: flags.warmInstances ?? defaultWarmInstances(maxConcurrentRuns),
    sandboxOptions: sandboxOptionsOf(flags),
  });
  let summary: TestRunSummary;
  try {
    await ensureVariantBases(plan.frameworks, (m) => progress.note(m), onBuildProgress);
    // Only frameworks with samples to run need their image (a default selection names all 14);
    // references are copied in by the test itself.
    const withCode = new Set(
      plan.jobs
        .filter((j) => j.key.model === REFERENCE_MODEL || existsSync(codeDir(resultsDir, j.key, j.sample)))
        .map((j) => j.framework.id),
    );
    await ensurePinnedBases(
      plan.frameworks.filter((f) => withCode.has(f.id)),
      (m) => progress.note(m),
    );
    summary = await test({
      models: requireModels(flags),
      resultsDir,
      jobs: plan.jobs,
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
  addRunOptions(cmd);
  addSandboxOptions(cmd);
  addShardOptions(cmd, 'sample');
  cmd.action(async (flags: TestFlags) => {
    await testAction(flags);
  });
  return cmd;
}
