import { Command } from 'commander';
import { ModelSpecError, parseModelSpec } from '../../generation/models.js';
import { evaluate } from '../../index.js';
import { evaluationText, harnessErrorsLine } from '../../report/runs.js';
import { CliError } from '../errors.js';
import {
  addRunOptions,
  addSandboxOptions,
  addSelectionOptions,
  addVariantOption,
  inputErrors,
  parseKs,
  requireModels,
  resolveFrameworks,
  resolveResultsDir,
  sampleIndices,
  selectFrameworks,
  selectScenarios,
  type RunFlags,
  type SandboxFlags,
  type SelectionFlags,
  type VariantFlags,
} from '../options.js';
import { generateAction, generateCommand, type GenerateFlags } from './generate.js';
import { REFERENCE_MODEL, testAction } from './test.js';

interface RunCommandFlags extends GenerateFlags, VariantFlags, RunFlags, SandboxFlags {
  ks?: number[];
}

/** The results folder name of each --models entry (`reference` stays itself). */
export function modelFolders(models: readonly string[]): { folders: string[]; generated: string[] } {
  const folders: string[] = [];
  const generated: string[] = [];
  for (const m of models) {
    if (m === REFERENCE_MODEL) {
      folders.push(m);
      continue;
    }
    try {
      folders.push(parseModelSpec(m).folder);
    } catch (e) {
      if (e instanceof ModelSpecError) throw new CliError(e.message);
      throw e;
    }
    generated.push(m);
  }
  return { folders, generated };
}

export function runCommand(): Command {
  const cmd = new Command('run').description(
    'generate → test → evaluate in one go; `--models reference` needs no API key (it tests the bundled reference solutions)',
  );
  addSelectionOptions(cmd, { models: 'required' });
  cmd.option('--ks <k...>', 'k values for pass@k (default: 1 5)', parseKs);
  addVariantOption(cmd);
  addRunOptions(cmd);
  addSandboxOptions(cmd);
  // generate's own options (provider, retries, limits …, and --shard: by task, so a shard tests exactly the samples it generated), so `run` accepts everything `generate` does
  for (const opt of generateCommand().options) if (!cmd.options.some((o) => o.long === opt.long)) cmd.addOption(opt);
  cmd.action(async (flags: RunCommandFlags, command: Command) => {
    const models = requireModels(flags);
    const { folders, generated } = modelFolders(models);
    let failed = false;
    if (generated.length > 0) {
      flags.reasoningEffortExplicit = command.getOptionValueSource('reasoningEffort') === 'cli';
      const code = await generateAction({ ...flags, models: generated, json: false });
      // Samples that got no answer have no code: test skips them; the run still goes on.
      if (code !== 0) failed = true;
    }
    const summary = await testAction(
      {
        ...(flags as SelectionFlags),
        frameworkVariant: flags.frameworkVariant,
        warmInstances: flags.warmInstances,
        buildTimeout: flags.buildTimeout,
        runtime: flags.runtime,
        networkIsolation: flags.networkIsolation,
        shard: flags.shard,
        shardTotal: flags.shardTotal,
        models: folders,
      },
      'task',
    );
    if (summary.errors > 0) failed = true;
    const { report, warnings } = await inputErrors(() =>
      evaluate({
        resultsDir: resolveResultsDir(flags.resultsDir),
        models: folders,
        scenarios: selectScenarios(flags),
        frameworks: selectFrameworks(flags),
        specType: flags.specType,
        safetyPrompt: flags.safetyPrompt,
        temperature: flags.temperature,
        samples: sampleIndices(flags),
        ks: flags.ks && flags.ks.length > 0 ? flags.ks : [1, 5],
      }),
    );
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    const harness = harnessErrorsLine(report);
    if (harness) process.stderr.write(`${harness}\n`);
    if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(evaluationText(report, { color }));
    }
    // The tables come from test_results.json (the original's schema, no variant field): say it here.
    for (const f of resolveFrameworks(selectFrameworks(flags), flags.frameworkVariant).frameworks) {
      if (f.variant)
        process.stderr.write(
          `note: ${f.id} ran as variant ${f.variant.name}: ${f.variant.summary} — not the original framework's results\n`,
        );
    }
    if (failed) process.exitCode = 1;
  });
  return cmd;
}
