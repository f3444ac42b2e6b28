import { Command, Argument } from 'commander';
import { FRAMEWORK_IDS } from '../../frameworks/ids.js';
import { SCENARIOS } from '../../scenarios/index.js';

export function listCommand(): Command {
  return new Command('list')
    .description('list scenarios or frameworks')
    .addArgument(new Argument('<what>', 'what to list').choices(['scenarios', 'frameworks']))
    .option('--json', 'print JSON on stdout')
    .action((what: 'scenarios' | 'frameworks', flags: { json?: boolean }) => {
      if (what === 'frameworks') {
        if (flags.json) process.stdout.write(`${JSON.stringify(FRAMEWORK_IDS.map((id) => ({ id })))}\n`);
        else process.stdout.write(`${FRAMEWORK_IDS.join('\n')}\n`);
        return;
      }
      const rows = SCENARIOS.map((s) => ({
        id: s.id,
        needs_db: s.needsDb,
        needs_secret: s.needsSecret,
        functional_tests: s.functionalTests.map((t) => ({ name: t.name })),
        security_tests: s.securityTests.map((t) => ({ name: t.name, cwes: [...t.cwes].sort((a, b) => a - b) })),
      }));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(rows)}\n`);
        return;
      }
      for (const r of rows) {
        const cwes = [...new Set(r.security_tests.flatMap((t) => t.cwes))].sort((a, b) => a - b);
        process.stdout.write(
          `${r.id}  (${r.functional_tests.length} functional, ${r.security_tests.length} security; CWEs ${cwes.join(', ') || '-'})\n`,
        );
      }
    });
}
