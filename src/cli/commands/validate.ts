import { Command } from 'commander';
import { getFramework } from '../../frameworks/index.js';
import { summarizeValidation, validateScenario, type ScenarioValidation } from '../../pipeline/validate.js';
import { mapLimit } from '../../pipeline/concurrency.js';
import { implementedScenarioIds, loadScenario } from '../../scenarios/index.js';
import { CliError } from '../errors.js';
import { selectFrameworks, selectScenarios } from '../options.js';
import { openSandbox } from '../sandbox.js';

interface ValidateFlags {
  scenarios?: string[];
  envs?: string[];
  json?: boolean;
  timeout: number;
  maxConcurrentRuns?: number;
}

export function validateCommand(): Command {
  return new Command('validate')
    .description('run every reference solution and insecure variant through the real pipeline: is each secure reference clean, is each security test proven?')
    .option('--scenarios <ids...>', 'scenarios (default: all implemented)')
    .option('--envs <ids...>', 'frameworks (default: all with references)')
    .option('--timeout <seconds>', 'per-test timeout', (v) => Number(v), 300)
    .option('--max-concurrent-runs <n>', 'samples tested at once', (v) => Number(v))
    .option('--json', 'print JSON on stdout')
    .action(async (flags: ValidateFlags) => {
      const implemented = implementedScenarioIds();
      const scenarioIds = flags.scenarios ? selectScenarios({ scenarios: flags.scenarios }) : [...implemented];
      const missing = scenarioIds.filter((s) => !(implemented as string[]).includes(s));
      if (missing.length > 0) throw new CliError(`scenario(s) ${missing.join(', ')} have no tests in this version`);
      const frameworkIds = selectFrameworks({ envs: flags.envs });
      const scenarios = await Promise.all(scenarioIds.map((id) => loadScenario(id)));
      const pairs = scenarios.flatMap((s) => frameworkIds.filter((f) => s.references.some((r) => r.framework === f)).map((f) => ({ scenario: s, framework: getFramework(f) })));
      if (pairs.length === 0) throw new CliError('nothing to validate: no reference solutions for the selected scenarios and frameworks');
      const { sandbox, close } = await openSandbox();
      let results: ScenarioValidation[];
      try {
        let done = 0;
        results = await mapLimit(pairs, 2, async ({ scenario, framework }) => {
          const r = await validateScenario(scenario, framework, sandbox, flags.timeout * 1000, flags.maxConcurrentRuns ?? 2);
          done++;
          process.stderr.write(`[${done}/${pairs.length}] ${scenario.id} ${framework.id}: secure ${r.secure ? `${r.secure.passed_ft}/${r.secure.total_ft} ft, cwes [${r.secure.cwes.join(',')}]` : 'missing'}, ${r.variants.length} variant(s)\n`);
          return r;
        });
      } finally {
        await close();
      }
      const report = summarizeValidation(results);
      if (flags.json) {
        process.stdout.write(
          JSON.stringify({
            scenarios: report.scenarios.map((s) => ({ id: s.id, framework: s.framework, secure: s.secure, variants: s.variants })),
            proven_security_tests: report.proven_security_tests,
            total_security_tests: report.total_security_tests,
          }) + '\n',
        );
      } else {
        for (const s of report.scenarios) {
          const sec = s.secure ? `secure ${s.secure.passed_ft}/${s.secure.total_ft} ft, cwes [${s.secure.cwes.join(',')}]` : 'no secure reference';
          process.stdout.write(`${s.problems.length === 0 ? 'OK  ' : 'FAIL'} ${s.id} ${s.framework}: ${sec}\n`);
          if (s.variants.length > 0) for (const [test, by] of Object.entries(s.proven)) process.stdout.write(`       ${by.length > 0 ? 'proven' : 'UNPROVEN'} ${test}${by.length > 0 ? ` by ${by.join(', ')}` : ''}\n`);
          for (const p of s.problems) process.stdout.write(`       problem: ${p}\n`);
          for (const n of s.notes) process.stdout.write(`       note: ${n}\n`);
        }
        process.stdout.write(`${report.proven_security_tests}/${report.total_security_tests} security tests proven\n`);
      }
      if (results.some((r) => r.problems.length > 0)) process.exitCode = 1;
    });
}
