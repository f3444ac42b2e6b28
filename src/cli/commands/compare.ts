import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { esc, taskDirName } from '../../core/results.js';
import { compareResults, readResultTree, type TreeSelection } from '../../pipeline/compare.js';
import { comparisonJson, comparisonText } from '../../report/compare.js';
import { CliError } from '../errors.js';
import {
  addSelectionOptions,
  sampleIndices,
  selectFrameworks,
  selectScenarios,
  type SelectionFlags,
} from '../options.js';

interface CompareFlags extends SelectionFlags {
  a: string;
  b: string;
}

async function resultsFolder(flag: string, dir: string): Promise<string> {
  const abs = path.resolve(dir);
  const stat = await fs.stat(abs).catch(() => undefined);
  if (!stat?.isDirectory()) throw new CliError(`${flag}: results folder ${abs} does not exist`);
  return abs;
}

export function compareCommand(): Command {
  const cmd = new Command('compare').description(
    'which samples have different results in two results trees (a rerun, another harness version or machine, the original harness); exits 1 when any differ',
  );
  cmd.requiredOption('--a <dir>', 'the first results tree');
  cmd.requiredOption('--b <dir>', 'the second results tree');
  addSelectionOptions(cmd, { models: 'optional' });
  cmd.action(async (flags: CompareFlags) => {
    const a = await resultsFolder('--a', flags.a);
    const b = await resultsFolder('--b', flags.b);
    const given = (name: string): boolean => cmd.getOptionValueSource(name) === 'cli';
    // Without a flag, everything on disk: every model, scenario and framework folder, every
    // temp…-…-… setting and every sample; a flag narrows that down.
    const selection: TreeSelection = {
      ...(flags.models?.length ? { models: flags.models.map(esc) } : {}),
      ...(flags.scenarios || flags.excludeScenarios ? { scenarios: selectScenarios(flags).map(esc) } : {}),
      ...(flags.envs || flags.excludeEnvs ? { frameworks: selectFrameworks(flags).map(esc) } : {}),
      ...(given('temperature') || given('specType') || given('safetyPrompt')
        ? {
            settings: [
              taskDirName({
                temperature: flags.temperature,
                specType: flags.specType,
                safetyPrompt: flags.safetyPrompt,
              }),
            ],
          }
        : {}),
      ...(given('nSamples') || flags.onlySamples?.length ? { samples: sampleIndices(flags) } : {}),
    };
    const [treeA, treeB] = await Promise.all([readResultTree(a, selection), readResultTree(b, selection)]);
    for (const w of [...treeA.warnings, ...treeB.warnings]) process.stderr.write(`warning: ${w}\n`);
    if (treeA.results.size === 0 && treeB.results.size === 0)
      throw new CliError(
        `no test_results.json in either tree for this selection (expected <model>/<scenario>/<framework>/temp<t>-<spec>-<safety>/sample<i>/test_results.json under ${a} and ${b})`,
      );
    const comparison = compareResults(treeA, treeB);
    const trees = { a, b };
    process.stdout.write(flags.json ? `${comparisonJson(comparison, trees)}\n` : comparisonText(comparison, trees));
    if (comparison.differing.length > 0 || comparison.onlyInA.length > 0 || comparison.onlyInB.length > 0)
      process.exitCode = 1;
  });
  return cmd;
}
