import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Command } from 'commander';
import { taskDirName } from '../../core/results.js';
import { FRAMEWORK_IDS } from '../../frameworks/index.js';
import { ReportOutDirError, writeHtmlReport } from '../../report/html/build.js';
import { scanResults } from '../../report/html/scan.js';
import { SCENARIO_IDS } from '../../scenarios/index.js';
import { CliError } from '../errors.js';
import {
  addSelectionOptions,
  parseKs,
  resolveResultsDir,
  sampleIndices,
  selectFrameworks,
  selectScenarios,
  type SelectionFlags,
} from '../options.js';

interface ReportFlags extends SelectionFlags {
  ks?: number[];
  out: string;
}

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/** Collapses 0..n-1 to --n-samples n, anything else to --only-samples. */
function samplesFlag(samples: readonly number[]): string[] {
  const contiguous = samples.every((s, i) => s === i);
  return contiguous ? ['--n-samples', String(samples.length)] : ['--only-samples', ...samples.map(String)];
}

function version(): string {
  try {
    return (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function reportCommand(): Command {
  const cmd = new Command('report').description(
    'write a static HTML report of a results tree (figures, charts, every sample with its code and test logs); it opens from disk in any browser',
  );
  addSelectionOptions(cmd, { models: 'optional' });
  cmd.option('--ks <k...>', 'k values for pass@k (default: 1 5)', parseKs);
  cmd.requiredOption('--out <dir>', 'folder for the report: new, empty, or an earlier report (which is replaced)');
  cmd.action(async (flags: ReportFlags) => {
    const resultsDir = resolveResultsDir(flags.resultsDir);
    const stat = await fs.stat(resultsDir).catch(() => undefined);
    if (!stat?.isDirectory())
      throw new CliError(`results folder ${resultsDir} does not exist; give it with --results-dir`);
    const scan = await scanResults(resultsDir, { scenarios: SCENARIO_IDS, frameworks: FRAMEWORK_IDS }, flags.models);
    const models = flags.models && flags.models.length > 0 ? flags.models : scan.models;
    if (models.length === 0)
      throw new CliError(
        `no results under ${resultsDir} (expected <model>/<scenario>/<framework>/temp<t>-<spec>-<safety>/sample<i>/)`,
      );
    // Without --scenarios / --envs: what is on disk (the figures are the same as over all ids,
    // since tasks without samples have none; the report just leaves out empty rows and columns).
    const scenarios = selectScenarios(
      flags,
      flags.scenarios || scan.scenarios.length === 0 ? undefined : scan.scenarios,
    );
    const frameworks = selectFrameworks(
      flags,
      flags.envs || scan.frameworks.length === 0 ? undefined : scan.frameworks,
    );
    const setting = taskDirName({
      temperature: flags.temperature,
      specType: flags.specType,
      safetyPrompt: flags.safetyPrompt,
    });
    if (!scan.settings.has(setting)) {
      const found = [...scan.settings.keys()];
      throw new CliError(
        `no task folder ${setting} under ${resultsDir}${found.length ? `; found: ${found.join(', ')} (choose with --temperature, --spec-type, --safety-prompt)` : ''}`,
      );
    }
    // --n-samples defaults to the samples on disk (evaluate's default is 5).
    const nGiven = cmd.getOptionValueSource('nSamples') === 'cli' || (flags.onlySamples?.length ?? 0) > 0;
    const samples = nGiven
      ? sampleIndices(flags)
      : Array.from({ length: Math.max(1, scan.samplesPerSetting.get(setting) ?? 5) }, (_, i) => i);
    const ks = flags.ks && flags.ks.length > 0 ? flags.ks : [1, 5];
    const evaluateCommand = [
      'baxbench',
      'evaluate',
      '--results-dir',
      resultsDir,
      '--models',
      ...models,
      '--scenarios',
      ...scenarios,
      '--envs',
      ...frameworks,
      ...samplesFlag(samples),
      '--temperature',
      String(flags.temperature),
      '--spec-type',
      flags.specType,
      '--safety-prompt',
      flags.safetyPrompt,
      '--ks',
      ...ks.map(String),
    ]
      .map(shellWord)
      .join(' ');
    const outDir = path.resolve(flags.out);
    let outcome;
    try {
      outcome = await writeHtmlReport({
        resultsDir,
        models,
        scenarios,
        frameworks,
        specType: flags.specType,
        safetyPrompt: flags.safetyPrompt,
        temperature: flags.temperature,
        samples,
        ks,
        outDir,
        evaluateCommand,
        version: version(),
      });
    } catch (e) {
      if (e instanceof ReportOutDirError) throw new CliError(e.message);
      throw e;
    }
    for (const w of outcome.warnings) process.stderr.write(`warning: ${w}\n`);
    const f = outcome.index.facts;
    const summary = {
      index: path.join(outDir, 'index.html'),
      files: outcome.files,
      bytes: outcome.bytes,
      tasks: outcome.index.tasks.length,
      samples_tested: f.samples_tested,
      samples_without_results: f.samples_without_results,
    };
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    process.stdout.write(
      `report written: ${summary.index}\n` +
        `  ${models.length} model(s), ${summary.tasks} task(s), ${f.samples_tested} sample(s) tested, ${f.samples_without_results} without results; ` +
        `${outcome.files} files, ${(outcome.bytes / 1e6).toFixed(1)} MB\n` +
        `  figures as: ${evaluateCommand}\n`,
    );
  });
  return cmd;
}
