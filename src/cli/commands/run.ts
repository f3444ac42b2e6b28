import { Command } from 'commander';
import { evaluate } from '../../pipeline/evaluate.js';
import { averagesTable, detailTable } from '../../report/table.js';
import { addSelectionOptions, parseKs, resolveResultsDir, sampleIndices, selectFrameworks, type SelectionFlags } from '../options.js';
import { implementedSelection, REFERENCE_MODEL, testAction } from './test.js';
import { NotImplementedError } from '../errors.js';

interface RunFlags extends SelectionFlags {
  ks?: number[];
}

export function runCommand(): Command {
  const cmd = new Command('run').description('generate → test → evaluate in a row (`--models reference` skips generation)');
  addSelectionOptions(cmd, { models: 'required' });
  cmd.option('--ks <k...>', 'k values for pass@k (default: 1 5)', parseKs);
  cmd.action(async (flags: RunFlags) => {
    const models = flags.models ?? [];
    if (models.some((m) => m !== REFERENCE_MODEL)) {
      throw new NotImplementedError('run', 'generation from model providers is not wired into run yet; use `generate` then `test` and `evaluate`, or --models reference');
    }
    await testAction(flags);
    const { report, warnings } = await evaluate({
      resultsDir: resolveResultsDir(flags.resultsDir),
      models,
      scenarios: implementedSelection(flags),
      frameworks: selectFrameworks(flags),
      specType: flags.specType,
      safetyPrompt: flags.safetyPrompt,
      temperature: flags.temperature,
      samples: sampleIndices(flags),
      ks: flags.ks && flags.ks.length > 0 ? flags.ks : [1, 5],
    });
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    if (flags.json) process.stdout.write(JSON.stringify(report) + '\n');
    else {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(averagesTable(report, { color }) + '\n\n' + detailTable(report, { color }) + '\n');
    }
  });
  return cmd;
}
