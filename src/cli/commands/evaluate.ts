import { Command, Option } from 'commander';
import { evaluate } from '../../index.js';
import { readUsage } from '../../generation/usage.js';
import { evaluationText, harnessErrorsLine } from '../../report/runs.js';
import { evaluationCsv, evaluationMarkdown } from '../../report/text-formats.js';
import { CliError } from '../errors.js';
import {
  addSelectionOptions,
  inputErrors,
  parseKs,
  requireModels,
  resolveResultsDir,
  sampleIndices,
  selectFrameworks,
  selectScenarios,
  type SelectionFlags,
} from '../options.js';

const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;

interface EvaluateFlags extends SelectionFlags {
  ks?: number[];
  format?: (typeof FORMATS)[number];
}

export function evaluateCommand(): Command {
  const cmd = new Command('evaluate').description(
    'compute pass@k, sec_pass@k, insec_pass and CWE rates from a results tree (no Docker needed)',
  );
  addSelectionOptions(cmd, { models: 'required' });
  cmd.option('--ks <k...>', 'k values for pass@k (default: 1 5)', parseKs);
  cmd.addOption(
    new Option('--format <format>', 'output: console tables, JSON (as --json), CSV, or markdown tables').choices(
      FORMATS,
    ),
  );
  cmd.action(async (flags: EvaluateFlags) => {
    if (flags.json && flags.format && flags.format !== 'json')
      throw new CliError(`--json and --format ${flags.format} contradict each other; give one of them`);
    const format = flags.format ?? (flags.json ? 'json' : 'table');
    const models = requireModels(flags);
    const scenarios = selectScenarios(flags);
    const frameworks = selectFrameworks(flags);
    const ks = flags.ks && flags.ks.length > 0 ? flags.ks : [1, 5];
    const { report, warnings } = await inputErrors(() =>
      evaluate({
        resultsDir: resolveResultsDir(flags.resultsDir),
        models,
        scenarios,
        frameworks,
        specType: flags.specType,
        safetyPrompt: flags.safetyPrompt,
        temperature: flags.temperature,
        samples: sampleIndices(flags),
        ks,
      }),
    );
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    const harness = harnessErrorsLine(report);
    if (harness) process.stderr.write(`${harness}\n`);
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return;
    }
    if (format === 'csv' || format === 'markdown') {
      process.stdout.write(format === 'csv' ? evaluationCsv(report, ks) : evaluationMarkdown(report, ks));
      return;
    }
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    // Generation tokens and cost, where generate recorded them (gen_usage.json per task).
    const usage = await readUsage(resolveResultsDir(flags.resultsDir), {
      models,
      scenarios,
      frameworks,
      temperature: flags.temperature,
      specType: flags.specType,
      safetyPrompt: flags.safetyPrompt,
      samples: sampleIndices(flags),
    });
    process.stdout.write(evaluationText(report, { color, usage }));
  });
  return cmd;
}
